"""The graph on an external SPARQL server: a real `oxigraph serve` process (from the PyPI
package `oxigraph`) on 127.0.0.1, filled by `kg push`, queried through SPARQLWrapper; and
a scripted server for the answers a real one gives when it fails behind a 200."""

import argparse
import json
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper
from test_api import HTTP, MLKG, MODELS, RES, Server, free_port, kg_command, seed_dir

from kg.queries import load_queries
from kg.remote import DEFAULT_GRAPHS, RemoteError, RemoteStore, RemoteTimeout
from kg.store import SparqlError, open_graph

ORACLE_TIMEOUT = 2  # oxigraph serve --timeout-s
SLOW_FOR_OXIGRAPH = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER(STR(?c) < STR(?f)) }"


def oxigraph_binary() -> str:
    candidates = [Path(sys.executable).parent / "oxigraph", shutil.which("oxigraph")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            run = subprocess.run([str(candidate), "--version"], capture_output=True, text=True, timeout=30)
            if run.returncode == 0:
                return str(candidate)
            pytest.skip(f"{candidate} does not run here: {run.stderr.strip()[:200]}")
    pytest.skip("no oxigraph server binary (pip install oxigraph==0.5.13 ships it)")


@pytest.fixture(scope="module")
def build() -> Path:
    return seed_dir()


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    binary = oxigraph_binary()
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    log = (location / "server.log").open("wb")
    process = subprocess.Popen([binary, "serve", "--location", str(location / "db"),
                                "--bind", f"127.0.0.1:{port}", "--timeout-s", str(ORACLE_TIMEOUT)],
                               stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                pytest.fail(f"oxigraph serve exited {process.returncode}")
            try:
                if HTTP.get(url + "/query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def pushed(oxigraph, build, tmp_path_factory):
    run = subprocess.run([*kg_command(), "push", "--endpoint", oxigraph + "/store", "--graph", str(build)],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path_factory.mktemp("push"))
    assert run.returncode == 0, run.stderr
    assert [line.split(" into ")[1] for line in run.stdout.splitlines()] == sorted(
        f"<{g}>" for g in DEFAULT_GRAPHS)
    return oxigraph


@pytest.fixture(scope="module")
def embedded(build):
    return open_graph(build)


def rows(result) -> Counter:
    """Rows as comparable strings; GROUP_CONCAT parts as a set (their order is the store's choice)."""
    def norm(cell: object) -> str:
        text = "" if cell is None else str(cell)
        for sep in ("; ", ", "):
            if sep in text:
                return sep.join(sorted(text.split(sep)))
        return text

    return Counter(tuple(norm(c) for c in row) for row in result.rows)


def test_every_named_query_answers_the_same_on_oxigraph_serve(pushed, embedded):
    remote = RemoteStore(pushed + "/query", timeout=30)
    assert len(remote) == len(embedded)  # the named graphs do not overlap: their merge has no duplicates
    for name, query in load_queries().items():
        text = query.bind(query.example)
        assert rows(remote.query(text)) == rows(embedded.query(text)), name


def test_graph_results_and_row_limit_through_the_remote_store(pushed, embedded):
    remote = RemoteStore(pushed + "/query", timeout=30)
    query = f"CONSTRUCT {{ ?m ?p ?o }} WHERE {{ ?m a <{MLKG}Model> ; ?p ?o }}"
    got, want = remote.query(query), embedded.query(query)
    assert got.kind == "graph" and rows(got) == rows(want)
    assert got.serialized.count(b"\n") == len(want.rows)
    assert len(remote.query("SELECT * WHERE { ?s ?p ?o }", max_rows=10).rows) == 11  # one more: "cut"


def test_push_replaces_the_graphs(pushed, build, embedded):
    run = subprocess.run([*kg_command(), "push", "--endpoint", pushed + "/store", "--graph", str(build)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert len(RemoteStore(pushed + "/query")) == len(embedded)


def test_a_timeout_inside_a_200_body_is_an_error(pushed):
    # oxigraph serve answers 200, starts the JSON, then writes its timeout message into the body
    remote = RemoteStore(pushed + "/query", timeout=60)
    with pytest.raises(RemoteError) as err:  # a join oxigraph cancels promptly (not all do, see docs)
        remote.query(SLOW_FOR_OXIGRAPH)
    assert "200" in str(err.value) and "cancelled" in str(err.value)


def test_kg_serve_in_front_of_a_remote_endpoint(pushed, embedded, tmp_path):
    srv = Server("--endpoint", pushed + "/query", "--workers", "2", "--timeout", "20", cwd=tmp_path)
    try:
        client = SPARQLWrapper(srv.url + "/sparql")
        client.setQuery(MODELS)
        client.setReturnFormat(JSON)
        got = sorted(b["l"]["value"] for b in client.query().convert()["results"]["bindings"])
        assert got == sorted(str(r[1]) for r in embedded.query(MODELS).rows)
        model = HTTP.get(srv.url + "/api/models/nemotron-nano-9b-v2").json()
        assert "nemotron-nano-12b-v2-base" in {a["id"] for a in model["ancestors"]}
        page = HTTP.get(srv.url + "/resource/technique/latentmoe", headers={"Accept": "text/turtle"})
        assert f"{RES}model/nemotron-3-super" in page.text
        health = HTTP.get(srv.url + "/health").json()
        assert health["store"] == "remote" and health["triples"] == len(embedded)
        hostile = HTTP.get(srv.url + "/sparql", params={
            "query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
        assert hostile.status_code == 403
        assert HTTP.get(srv.url + "/sparql", params={"query": "DROP ALL"}).status_code == 403
    finally:
        srv.stop()


def test_kg_query_endpoint(pushed):
    from kg.api.command import add_endpoint_options, remote_store

    help_text = subprocess.run([sys.executable, "-m", "kg", "query", "--help"], capture_output=True,
                               text=True, timeout=60).stdout
    if "--endpoint" in help_text:  # kg.cli wired to kg.api.command: the command a user types
        run = subprocess.run([sys.executable, "-m", "kg", "query", "models-using-technique", "--endpoint",
                              pushed + "/query", "--param", "technique=LatentMoE", "--format", "json"],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        labels = [r["label"]["value"] for r in json.loads(run.stdout)["results"]["bindings"]]
    else:  # the helper kg.cli calls for it
        ap = argparse.ArgumentParser()
        add_endpoint_options(ap)
        store = remote_store(ap.parse_args(["--endpoint", pushed + "/query"]))
        q = load_queries()["models-using-technique"]
        labels = [str(r["label"]) for r in store.query(q.bind({"technique": "LatentMoE"})).records()]
    assert sorted(labels) == ["Nemotron 3 Super", "Nemotron 3 Ultra"]


# ---------------------------------------------------------------- answers that only look fine

ANSWERS = {
    "cut": (200, {"Content-Type": "application/sparql-results+json"},
            b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled'),
    "virtuoso": (200, {"Content-Type": "application/sparql-results+json", "X-SQL-State": "S1TAT",
                       "X-SQL-Message": "Returning incomplete results, query interrupted by result timeout"},
                 b'{"head":{"vars":["n"]},"results":{"bindings":[]}}'),
    "html": (200, {"Content-Type": "text/html"}, b"<html><body>Internal error</body></html>"),
    "not-a-result": (200, {"Content-Type": "application/json"}, b'{"error": "timeout"}'),
    "bad-rdf": (200, {"Content-Type": "application/n-triples"}, b"<urn:a> <urn:b> .\n"),
    "bad-query": (400, {"Content-Type": "text/plain"}, b"Parser error at line 1"),
    "busy": (503, {"Content-Type": "text/plain"}, b"overloaded"),
    "ok": (200, {"Content-Type": "application/sparql-results+json"},
           b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1"}}]}}'),
}


@pytest.fixture(scope="module")
def scripted():
    seen: list[dict[str, list[str]]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            seen.append(parse_qs(body))
            case = self.path.strip("/")
            if case == "slow":
                time.sleep(3)
                case = "ok"
            status, headers, payload = ANSWERS[case]
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("case,error,words", [
    ("cut", RemoteError, "not with SPARQL JSON results"),
    ("virtuoso", RemoteTimeout, "incomplete"),
    ("html", RemoteError, "not with SPARQL JSON results"),
    ("not-a-result", RemoteError, "without a SPARQL result"),
    ("bad-query", SparqlError, "Parser error"),
    ("busy", RemoteTimeout, "503"),
])
def test_failures_behind_a_200_are_caught(scripted, case, error, words):
    url, _ = scripted
    with pytest.raises(error) as err:
        RemoteStore(f"{url}/{case}", timeout=10).query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert words in str(err.value)


def test_graph_answer_that_does_not_parse_is_an_error(scripted):
    url, _ = scripted
    with pytest.raises(RemoteError, match="does not parse"):
        RemoteStore(f"{url}/bad-rdf", timeout=10).query("CONSTRUCT WHERE { ?s ?p ?o }")


def test_client_time_limit(scripted):
    url, _ = scripted
    with pytest.raises(RemoteTimeout):
        RemoteStore(f"{url}/slow", timeout=1).query("SELECT * WHERE { ?s ?p ?o }")


def test_default_graphs_are_sent_unless_the_query_has_its_own(scripted):
    url, seen = scripted
    store = RemoteStore(f"{url}/ok", timeout=10)
    store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert seen[-1]["default-graph-uri"] == list(DEFAULT_GRAPHS)
    store.query(f"SELECT (COUNT(*) AS ?n) FROM <{DEFAULT_GRAPHS[2]}> WHERE {{ ?s ?p ?o }}")
    assert "default-graph-uri" not in seen[-1]
    with pytest.raises(SparqlError, match="Update"):
        store.query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
