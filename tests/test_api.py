"""`kg serve` end to end: a real uvicorn process on 127.0.0.1 serving a seed build, queried
with SPARQLWrapper (a real SPARQL client) and httpx, and every hostile case refused."""

import asyncio
import atexit
import csv
import io
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from functools import cache
from pathlib import Path
from xml.dom.minidom import Document

import httpx
import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, TSV, TURTLE, XML, SPARQLWrapper

from conftest import SEEDS

RES = "https://w3id.org/mlkg/resource/"
MLKG = "https://w3id.org/mlkg/ontology#"
INFERRED = "https://w3id.org/mlkg/graph/inferred"
MODELS = f"SELECT ?m ?l WHERE {{ ?m a <{MLKG}Model> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT, MAX_ROWS = 1.5, 500
HTTP = httpx.Client(timeout=60)  # generous: the machine may be busy; the server's own limits are tested


# ---------------------------------------------------------------- helpers (test_remote uses them too)


@cache
def seed_dir() -> Path:
    """One `kg build` of the seed corpus for every module of the session (cached, removed at exit)."""
    work = Path(tempfile.mkdtemp(prefix="kg-api-seed-"))
    atexit.register(shutil.rmtree, work, True)
    command = [sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(work / "out"), "--no-map", "-q",
               "--reference-date", "2026-11-23"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return work / "out"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kg_command() -> list[str]:
    """`python -m kg` once kg.cli registers kg.api.command, else the module itself."""
    from kg import cli

    module = "kg" if "kg.api.command" in cli.EXTENSIONS else "kg.api.command"
    return [sys.executable, "-m", module]


class Server:
    """A `kg serve` process; stderr (the JSON logs) goes to a file the tests can read."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = cwd / f"serve-{self.port}.log"
        with self.log.open("wb") as err:
            self.process = subprocess.Popen([*kg_command(), "serve", *args, "--port", str(self.port)],
                                            cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"kg serve exited {self.process.returncode}:\n{self.log.read_text()}")
            try:
                if HTTP.get(self.url + "/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise AssertionError(f"kg serve did not come up:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def descendants(self) -> set[int]:
        """Pids of every process below the server (forkserver and query workers)."""
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                parents[int(stat.parent.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
        found, frontier = set(), {self.process.pid}
        while frontier:
            frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
            found |= frontier
        return found


def sparql(server: Server, query: str, fmt: str = JSON, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client


@pytest.fixture(scope="module")
def build() -> Path:
    return seed_dir()


@pytest.fixture(scope="module")
def server(build: Path, tmp_path_factory: pytest.TempPathFactory):
    (build / "lineage.html").write_text("<!doctype html><title>stale map file</title>")  # / must not serve it
    srv = Server("--graph", str(build), "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS),
                 "--workers", "3", cwd=tmp_path_factory.mktemp("serve"))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def embedded(build: Path):
    from kg.store import open_graph

    return open_graph(build)


# ---------------------------------------------------------------- SPARQL protocol, every format


def labels_from(fmt: str, data: object) -> list[str]:
    if fmt == JSON:
        return [b["l"]["value"] for b in data["results"]["bindings"]]  # type: ignore[index]
    if fmt == XML:
        assert isinstance(data, Document)
        return [b.getElementsByTagName("literal")[0].firstChild.data  # type: ignore[union-attr]
                for b in data.getElementsByTagName("binding") if b.getAttribute("name") == "l"]
    text = data.decode("utf-8")  # type: ignore[union-attr]
    if fmt == CSV:
        return [row["l"] for row in csv.DictReader(io.StringIO(text))]
    rows = [line.split("\t") for line in text.splitlines()]
    assert rows[0] == ["?m", "?l"]
    return [json.loads(cell) for _, cell in rows[1:]]  # TSV literals are quoted, JSON-compatible escapes


@pytest.mark.parametrize("method", ["GET", POST])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select_in_every_result_format(server, embedded, fmt, method):
    expected = sorted(str(r[1]) for r in embedded.query(MODELS).rows)
    result = sparql(server, MODELS, fmt, method).query()
    assert sorted(labels_from(fmt, result.convert())) == expected
    assert len(expected) > 40


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(server, fmt):
    yes = sparql(server, f"ASK {{ <{RES}model/nemotron-3-super> a <{MLKG}Model> }}", fmt).query().convert()
    no = sparql(server, f"ASK {{ <{RES}model/no-such-model> a <{MLKG}Model> }}", fmt).query().convert()
    if fmt == JSON:
        assert (yes["boolean"], no["boolean"]) == (True, False)
    else:
        assert [d.getElementsByTagName("boolean")[0].firstChild.data for d in (yes, no)] == ["true", "false"]


@pytest.mark.parametrize("fmt", [TURTLE, N3, XML, JSONLD, "ntriples"])
def test_construct_in_every_graph_format(server, embedded, fmt):
    query = f"CONSTRUCT {{ ?m ?p ?o }} WHERE {{ ?m a <{MLKG}Model> ; ?p ?o }}"
    expected = len(embedded.query(query).rows)
    if fmt == "ntriples":
        r = HTTP.get(server.url + "/sparql", params={"query": query},
                      headers={"Accept": "application/n-triples"})
        assert r.headers["content-type"].startswith("application/n-triples")
        graph = Graph().parse(data=r.text, format="nt")
    else:
        data = sparql(server, query, fmt).query().convert()
        graph = data if isinstance(data, Graph) else Graph().parse(data=data, format="turtle")
    assert len(graph) == expected > 100


def test_describe_as_jsonld_and_turtle(server):
    query = f"DESCRIBE <{RES}model/nemotron-3-super>"
    for accept, parse_as in (("application/ld+json", "json-ld"), ("text/turtle", "turtle")):
        r = HTTP.get(server.url + "/sparql", params={"query": query}, headers={"Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
        g = Graph().parse(data=r.text, format=parse_as)
        assert (URIRef(f"{RES}model/nemotron-3-super"), URIRef(f"{MLKG}usesTechnique"),
                URIRef(f"{RES}technique/latentmoe")) in g


def test_get_post_form_and_post_query_body_agree(server):
    url = server.url + "/sparql"
    get = HTTP.get(url, params={"query": MODELS})
    form = HTTP.post(url, data={"query": MODELS})
    body = HTTP.post(url, content=MODELS, headers={"Content-Type": "application/sparql-query"})
    answers = [sorted(map(json.dumps, r.json()["results"]["bindings"])) for r in (get, form, body)]
    assert answers[0] == answers[1] == answers[2] and answers[0]
    assert get.headers["content-type"].startswith("application/sparql-results+json")


def test_format_parameter_and_not_acceptable(server):
    r = HTTP.get(server.url + "/sparql", params={"query": MODELS, "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv") and r.text.startswith("m,l\r\n")
    r = HTTP.get(server.url + "/sparql", params={"query": MODELS}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "application/sparql-results+json" in r.text


def test_asserted_ontology_and_inferred_graphs_are_told_apart(server, build):
    count = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"
    n = {}
    for key, dataset in (("all", ""), ("inferred", f"FROM <{INFERRED}>")):
        n[key] = int(sparql(server, count.format(dataset)).query().convert()["results"]["bindings"][0]["n"]
                     ["value"])
    assert len(Graph().parse(build / "inferred.ttl")) == n["inferred"] > 0 and n["all"] > n["inferred"]
    graphs = sparql(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").query().convert()
    assert {b["g"]["value"] for b in graphs["results"]["bindings"]} == {
        "https://w3id.org/mlkg/graph/asserted", "https://w3id.org/mlkg/graph/ontology", INFERRED,
        "https://w3id.org/mlkg/graph/index"}  # the name keys (kg.store.index_names)
    # the protocol's default-graph-uri does the same as FROM
    r = HTTP.get(server.url + "/sparql", params={"query": count.format(""), "default-graph-uri": INFERRED})
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == n["inferred"]
    description = HTTP.get(server.url + "/sparql", headers={"Accept": "text/turtle"})
    assert INFERRED in description.text and len(Graph().parse(data=description.text, format="turtle")) > 10
    form = HTTP.get(server.url + "/sparql", headers={"Accept": "text/html"})
    assert form.headers["content-type"].startswith("text/html") and "<textarea" in form.text


# ---------------------------------------------------------------- hostile queries


@pytest.mark.parametrize("request_kwargs", [
    {"method": "GET", "params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"method": "POST", "data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"method": "POST", "content": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
     "headers": {"Content-Type": "application/sparql-update"}},
    {"method": "POST", "content": "DELETE WHERE { ?s ?p ?o }",
     "headers": {"Content-Type": "application/sparql-query"}},
    {"method": "GET", "params": {"query": "LOAD <file:///etc/passwd>"}},
    {"method": "GET", "params": {"query": "DROP ALL"}},
], ids=["insert-get", "update-form", "sparql-update-body", "delete-as-query", "load", "drop"])
def test_updates_are_refused_and_change_nothing(server, request_kwargs):
    before = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").query().convert()
    r = HTTP.request(url=server.url + "/sparql", **request_kwargs)
    assert r.status_code == 403 and "read-only" in r.text
    after = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").query().convert()
    assert after == before


def test_sparqlwrapper_update_is_refused(server):
    from urllib.error import HTTPError

    client = SPARQLWrapper(server.url + "/sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(HTTPError) as err:
        client.query()
    assert err.value.code == 403


def test_service_is_refused_before_any_request_leaves(server):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    try:
        for query in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                      f"SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE SILENT <http://127.0.0.1:{port}/> "
                      "{ ?s ?p ?o } } }"):
            r = HTTP.get(server.url + "/sparql", params={"query": query})
            assert r.status_code == 403 and "SERVICE" in r.text
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody called
    finally:
        listener.close()


@pytest.mark.parametrize("clause", ["FROM <file:///etc/passwd>", "FROM NAMED <file:///etc/passwd>",
                                    "FROM <http://127.0.0.1:9/graph>"])
def test_from_outside_the_served_graphs_is_refused(server, clause):
    r = HTTP.get(server.url + "/sparql", params={"query": f"SELECT * {clause} WHERE {{ ?s ?p ?o }}"})
    assert r.status_code == 403 and "is not allowed" in r.text
    r = HTTP.get(server.url + "/sparql", params={"query": MODELS, "default-graph-uri": "file:///etc/passwd"})
    assert r.status_code == 403


def test_malformed_query_gets_400_with_the_parsers_message(server):
    r = HTTP.get(server.url + "/sparql", params={"query": "SELECT ?x WHERE { ?x "})
    assert r.status_code == 400 and "line:1" in r.text and "col:" in r.text
    r = HTTP.post(server.url + "/sparql", data={})
    assert r.status_code == 400 and "query" in r.text
    r = HTTP.post(server.url + "/sparql", content=MODELS, headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    r = HTTP.post(server.url + "/sparql", data={"query": MODELS + " #" + "x" * 100_000})
    assert r.status_code == 413


def test_time_limit_kills_the_query_and_the_server_answers_the_next(server):
    workers_before = server.descendants()
    r = HTTP.get(server.url + "/sparql", params={"query": CROSS}, timeout=60)
    assert r.status_code == 503 and "time limit" in r.text
    assert r.headers["x-mlkg-timeout"] == f"{TIMEOUT:g}"
    fast = HTTP.get(server.url + "/sparql", params={"query": MODELS}, timeout=60)
    assert fast.status_code == 200 and fast.json()["results"]["bindings"]
    # the worker that ran it is gone (killed), not left computing
    for _ in range(50):
        gone = workers_before - server.descendants()
        if gone:
            break
        time.sleep(0.1)
    assert gone and not any(Path(f"/proc/{pid}").exists() for pid in gone)
    for _ in range(100):  # and replaced
        health = HTTP.get(server.url + "/health").json()
        if health["workers"]["alive"] == 3:
            break
        time.sleep(0.1)
    assert health["workers"]["timeouts"] >= 1 and health["workers"]["alive"] == 3


def test_a_slow_query_does_not_block_fast_ones(server):
    done: list[str] = []

    def slow() -> None:
        HTTP.get(server.url + "/sparql", params={"query": CROSS + " # slow"}, timeout=60)
        done.append("slow")

    thread = threading.Thread(target=slow)
    thread.start()
    try:
        time.sleep(0.2)  # let it start
        for _ in range(5):
            r = HTTP.get(server.url + "/api/queries/models-using-technique",
                          params={"technique": "LatentMoE"})
            assert r.status_code == 200
            done.append("fast")
    finally:
        thread.join(60)
    assert done[-1] == "slow" and done.count("fast") == 5


def test_slow_queries_on_every_worker_get_extra_workers_for_the_fast_ones(build, tmp_path):
    """Two slow queries on a two-worker server: each, once it has burnt CPU, is reniced and an
    extra worker is started in its place, so fast queries are answered while both still run.
    Its own server with a long time limit: on a starved machine the CPU takes a while to add up."""
    srv = Server("--graph", str(build), "--timeout", "60", "--workers", "2", cwd=tmp_path)

    def slow(i: int) -> None:
        try:
            HTTP.get(srv.url + "/sparql", params={"query": CROSS + f" # slow {i}"}, timeout=120)
        except httpx.HTTPError:
            pass  # the server is stopped under it at the end

    threads = [threading.Thread(target=slow, args=(i,)) for i in range(2)]
    try:
        for t in threads:
            t.start()
        deadline = time.monotonic() + 50
        while HTTP.get(srv.url + "/health").json()["workers"]["extra"] < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert HTTP.get(srv.url + "/health").json()["workers"]["extra"] == 2
        for _ in range(5):
            r = HTTP.get(srv.url + "/api/queries/models-using-technique", params={"technique": "Mamba"})
            assert r.status_code == 200
        assert all(t.is_alive() for t in threads), "the fast queries were answered while the slow ones ran"
    finally:
        srv.stop()  # kills the slow queries too
        for t in threads:
            t.join(60)


def test_row_limit_cuts_and_says_so(server):
    r = HTTP.get(server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200 and r.headers["x-mlkg-truncated"] == "true"
    doc = r.json()
    assert len(doc["results"]["bindings"]) == MAX_ROWS and doc["truncated"] is True
    r = HTTP.get(server.url + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                  headers={"Accept": "text/turtle"})
    assert r.headers["x-mlkg-truncated"] == "true"
    assert len(Graph().parse(data=r.text, format="turtle")) == MAX_ROWS
    r = HTTP.get(server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                  headers={"Accept": "text/csv"})
    assert r.headers["x-mlkg-truncated"] == "true" and len(r.text.splitlines()) == MAX_ROWS + 1
    small = HTTP.get(server.url + "/sparql", params={"query": MODELS})
    assert small.headers["x-mlkg-truncated"] == "false" and "truncated" not in small.json()


# ---------------------------------------------------------------- REST API


def test_named_queries_over_rest_match_the_embedded_store(server, embedded):
    from kg.queries import load_queries

    listed = HTTP.get(server.url + "/api/queries").json()
    queries = load_queries()
    assert {q["name"] for q in listed} == set(queries)
    for q in listed:
        r = HTTP.get(server.url + q["url"], params=q["example"])
        assert r.status_code == 200, (q["name"], r.text)
        got = Counter(tuple(_norm(row.get(v, "")) for v in r.json()["vars"]) for row in r.json()["rows"])
        local = embedded.query(queries[q["name"]].bind(q["example"]))
        want = Counter(tuple("" if c is None else _norm(_plain(c)) for c in row) for row in local.rows)
        assert got == want, q["name"]


def _norm(cell: object) -> str:
    """GROUP_CONCAT's order is the store's choice: compare its parts as a set."""
    text = str(cell)
    for sep in ("; ", ", "):
        if sep in text:
            return sep.join(sorted(text.split(sep)))
    return text


def _plain(cell: object) -> str:
    from kg.api.lookups import value

    return str(value(cell))  # type: ignore[arg-type]


def test_named_query_errors(server):
    r = HTTP.get(server.url + "/api/queries/models-using-technique", params={"tech": "x"})
    assert r.status_code == 400 and "unknown parameter" in r.json()["detail"]
    assert HTTP.get(server.url + "/api/queries/models-using-technique").status_code == 400
    assert HTTP.get(server.url + "/api/queries/no-such-query").status_code == 404


def test_models_and_model_detail(server):
    models = HTTP.get(server.url + "/api/models").json()
    assert len(models) > 40 and {"id", "iri", "label", "variants", "totalParameters"} <= set(models[0])
    super_ = next(m for m in models if m["id"] == "nemotron-3-super")
    assert super_["totalParameters"] == 120_000_000_000

    m = HTTP.get(server.url + "/api/models/nemotron-nano-9b-v2").json()
    assert m["label"] == "Nemotron-Nano-9B-v2" and m["totalParameters"] == 9_000_000_000
    assert {(a["id"], a["relation"]) for a in m["ancestors"]} >= {("nemotron-nano-12b-v2-base", "prunedFrom")}
    assert any(t["id"] == "minitron" and t["kind"] == "direct" for t in m["techniques"])
    assert any(p["role"] == "introduces" for p in m["papers"])
    assert any("Minitron strategy to compress and distill" in (e["sentence"] or "") for e in m["evidence"])
    base = HTTP.get(server.url + "/api/models/nemotron-nano-12b-v2-base").json()
    assert "nemotron-nano-9b-v2" in {d["id"] for d in base["descendants"]}
    for bad in ("no-such-model", "bad%20id", "latentmoe"):
        assert HTTP.get(server.url + f"/api/models/{bad}").status_code == 404


def test_technique_models_and_paper(server):
    t = HTTP.get(server.url + "/api/techniques/latentmoe/models").json()
    assert t["label"] == "LatentMoE"
    assert sorted(m["label"] for m in t["models"]) == ["Nemotron 3 Super", "Nemotron 3 Ultra"]
    moe = HTTP.get(server.url + "/api/techniques/mixture-of-experts/models").json()
    assert {"nemotron-3-super", "nemotron-3-ultra"} <= {m["id"] for m in moe["models"]}
    assert HTTP.get(server.url + "/api/techniques/nothing/models").status_code == 404

    model = HTTP.get(server.url + "/api/models/nemotron-nano-9b-v2").json()
    paper_id = next(p["id"] for p in model["papers"] if p["role"] == "introduces")
    paper = HTTP.get(server.url + f"/api/papers/{paper_id}").json()
    assert "Nemotron Nano 2" in paper["title"] and paper["abstract"] and paper["authors"]
    assert "nemotron-nano-9b-v2" in {e["id"] for e in paper["introduces"] + paper["mentions"]}
    assert HTTP.get(server.url + "/api/papers/000000000000").status_code == 404


# ---------------------------------------------------------------- linked data, map, docs, health, logs


def test_resource_pages_negotiate(server):
    url = server.url + "/resource/model/nemotron-3-super"
    html = HTTP.get(url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.headers["content-type"].startswith("text/html") and "Nemotron 3 Super" in html.text
    assert 'href="/resource/technique/latentmoe"' in html.text
    triple = (URIRef(f"{RES}model/nemotron-3-super"), URIRef(f"{MLKG}usesTechnique"),
              URIRef(f"{RES}technique/latentmoe"))
    for accept, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                        ("application/n-triples", "nt"), ("application/rdf+xml", "xml")):
        r = HTTP.get(url, headers={"Accept": accept})
        assert r.headers["content-type"].startswith(accept) and r.headers["vary"] == "Accept"
        assert triple in Graph().parse(data=r.text, format=fmt)
    assert triple in Graph().parse(data=HTTP.get(url + "?format=ttl").text, format="turtle")
    assert HTTP.get(server.url + "/resource/model/no-such-model").status_code == 404
    assert HTTP.get(server.url + "/resource/model/a%3E%20%7D").status_code == 404


def test_map_docs_health_cors_and_logs(server):
    home = HTTP.get(server.url + "/").text  # the map, drawn from the served store (tests/test_api_map.py)
    assert "stale map file" not in home and "Nemotron-H-56B" in home
    assert HTTP.get(server.url + "/docs").status_code == 200
    paths = HTTP.get(server.url + "/openapi.json").json()["paths"]
    assert {"/sparql", "/api/models/{model_id}", "/api/techniques/{technique_id}/models",
            "/api/papers/{paper_id}", "/resource/{path}", "/health"} <= set(paths)
    health = HTTP.get(server.url + "/health").json()
    assert health["status"] == "ok" and health["store"] == "oxigraph" and health["triples"] > 5000
    assert INFERRED in health["graphs"] and health["maxRows"] == MAX_ROWS
    r = HTTP.get(server.url + "/api/models", headers={"Origin": "http://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers  # CORS is off unless --cors
    lines = [json.loads(line) for line in server.log.read_text().splitlines() if line.startswith("{")]
    access = [e for e in lines if e["logger"] == "kg.api.access"]
    assert any(e["path"] == "/sparql" and e["status"] == 403 and "error" in e for e in access)
    assert any(e.get("timeout") for e in access)
    assert all({"client", "method", "status", "ms", "bytes"} <= set(e) for e in access)


def test_small_load_no_errors_no_lost_requests(server):
    """200 requests at concurrency 8, fast named queries and SPARQL mixed (bench/ has the big one)."""
    techniques = ["LatentMoE", "Mixture of Experts", "Mamba", "Knowledge Distillation", "Pruning"]

    async def main() -> Counter:
        statuses: Counter = Counter()
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(200):
            queue.put_nowait(i)
        async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
            async def user() -> None:
                while not queue.empty():
                    i = queue.get_nowait()
                    if i % 2:
                        r = await client.get("/api/queries/models-using-technique",
                                             params={"technique": techniques[i % len(techniques)]})
                    else:
                        r = await client.post("/sparql", data={"query": MODELS})
                    statuses[r.status_code] += 1

            await asyncio.gather(*(user() for _ in range(8)))
        return statuses

    statuses = asyncio.run(main())
    assert statuses == Counter({200: 200})


# ---------------------------------------------------------------- store lifecycle, a second server


def test_store_is_kept_across_restarts_and_rebuilt_for_new_files(build, tmp_path):
    from kg.api import dataset

    work = tmp_path / "out"
    shutil.copytree(build, work, ignore=shutil.ignore_patterns("store"))
    first = dataset.prepare(work)
    again = dataset.prepare(work)
    assert first.built and not again.built and again.path == first.path
    (work / "inferred.ttl").write_text((work / "inferred.ttl").read_text() + "\n")  # same triples, new bytes
    assert dataset.prepare(work).path != first.path


def test_server_follows_a_new_build(build, tmp_path):
    work = tmp_path / "out"
    shutil.copytree(build, work, ignore=shutil.ignore_patterns("store"))
    srv = Server("--graph", str(work), "--reload-interval", "0.3", "--workers", "2",
                 "--cors", "http://example.org", cwd=tmp_path)
    try:
        r = HTTP.get(srv.url + "/api/models", headers={"Origin": "http://example.org"})
        assert r.headers["access-control-allow-origin"] == "http://example.org"
        ask = {"query": f"ASK {{ <{RES}model/brand-new> a <{MLKG}Model> }}"}
        assert HTTP.get(srv.url + "/sparql", params=ask).json()["boolean"] is False
        with (work / "graph.ttl").open("a") as fh:  # a new build (kg build writes atomically)
            fh.write(f"\n<{RES}model/brand-new> a <{MLKG}Model> .\n")
        for _ in range(300):
            if HTTP.get(srv.url + "/sparql", params=ask).json()["boolean"]:
                break
            time.sleep(0.1)
        assert HTTP.get(srv.url + "/sparql", params=ask).json()["boolean"] is True
        assert HTTP.get(srv.url + "/health").json()["reloads"] == 1
        for _ in range(100):  # the old build's store goes once no worker has it open
            if len([p for p in (work / "store").iterdir() if not p.name.startswith(".")]) == 1:
                break
            time.sleep(0.1)
        assert len([p for p in (work / "store").iterdir() if not p.name.startswith(".")]) == 1
    finally:
        srv.stop()


@pytest.mark.parametrize("source,message", [("--graph", "graph.ttl not found"),
                                            ("--store", "no on-disk store there")])
def test_serve_fails_clearly_without_a_build(tmp_path, source, message):
    run = subprocess.run([*kg_command(), "serve", source, str(tmp_path / "none"), "--port", "1"],
                         capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert run.returncode == 2 and message in run.stderr


def test_serve_an_existing_store_read_only(server, build, tmp_path):
    """--store: the store the first server built, opened read-only by a second one at the same
    time, and queried on disk (--memory 0) where the first server's workers copy it into memory."""
    (store,) = [p for p in (build / "store").iterdir() if not p.name.startswith(".")]
    srv = Server("--store", str(store), "--workers", "1", "--memory", "0", cwd=tmp_path)
    try:
        health = HTTP.get(srv.url + "/health").json()
        assert health["location"] == str(store) and health["triples"] > 5000
        assert health["inMemory"] is False and HTTP.get(server.url + "/health").json()["inMemory"] is True
        r = HTTP.get(srv.url + "/api/techniques/latentmoe/models").json()
        assert {m["id"] for m in r["models"]} == {"nemotron-3-super", "nemotron-3-ultra"}
        assert HTTP.get(srv.url + "/").status_code == 200  # an index: no build folder, no map
    finally:
        srv.stop()


def test_serve_binds_loopback_by_default():
    import argparse

    from kg.api.command import register

    ap = argparse.ArgumentParser()
    register(ap.add_subparsers(dest="command"))
    args = ap.parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.cors == [] and args.port == 8000
