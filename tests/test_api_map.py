"""`/` of `kg serve`: the lineage map drawn from the store being served (`--store`, `--graph`
with its rebuilds, `--endpoint`), by a real uvicorn process, and opened in Debian's chromium."""

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from rdflib import Graph
from test_api import HTTP, MLKG, RES, Server, kg_command, seed_dir
from test_remote import oxigraph, oxigraph_binary  # noqa: F401  (the `oxigraph serve` fixture)

from kg import map as kgmap
from kg.api import dataset
from kg.viz_command import CHROMIUM_ARGS, chromium_path, wait_ready

SUPER = "model/nemotron-3-super"


def embedded(page: str) -> dict:
    return kgmap.page_data(page)


def drawn(data: dict) -> tuple[list, list]:
    """What a map draws, comparable between two maps: node ids and kinds, edges."""
    return (sorted((n["id"], n["kind"]) for n in data["nodes"]),
            sorted((e["rel"], e["from"], e["to"]) for e in data["edges"]))


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    """A private copy of the seed build with its store, so no other module's server prunes it."""
    work = tmp_path_factory.mktemp("map-build") / "out"
    shutil.copytree(seed_dir(), work, ignore=shutil.ignore_patterns("store", "lineage.html"))
    return work


@pytest.fixture(scope="module")
def store(build: Path) -> Path:
    return dataset.prepare(build).path


@pytest.fixture(scope="module")
def served(store: Path, tmp_path_factory):
    srv = Server("--store", str(store), "--workers", "2", cwd=tmp_path_factory.mktemp("serve-map"))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def expected(build: Path) -> dict:
    """The map `kg build` writes from the same graph.ttl."""
    return kgmap.map_data(Graph().parse(build / "graph.ttl", format="turtle"))


def test_root_is_the_map_of_the_served_store(served, expected):
    r = HTTP.get(served.url + "/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    data = embedded(r.text)
    assert drawn(data) == drawn(expected)  # the same map `kg build` draws from the same files
    super_node = next(n for n in data["nodes"] if n["id"] == SUPER)
    assert super_node["name"] == "Nemotron 3 Super"
    assert {"technique/latentmoe", "technique/mtp", "technique/nvfp4"} <= set(super_node["techniques"])
    # vis-network is inline and the page may load nothing: no CDN, no script or style address
    assert "vis.Network" in r.text and not re.search(r"<(script|link)[^>]+(src|href)=", r.text)
    assert "default-src 'none'" in r.text
    assert re.search(r'<nav aria-label="Service"><a href="/sparql">SPARQL</a>', r.text)


def test_root_is_drawn_once_then_revalidated_and_gzipped(served):
    first = HTTP.get(served.url + "/", headers={"Accept-Encoding": "gzip"})
    assert first.headers["content-encoding"] == "gzip" and "mlkg-data" in first.text
    plain = HTTP.get(served.url + "/", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.text == first.text
    assert first.headers["etag"] == plain.headers["etag"]
    again = HTTP.get(served.url + "/", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and not again.content
    logs = [json.loads(line) for line in served.log.read_text().splitlines() if line.startswith("{")]
    drawings = [e for e in logs if e["logger"] == "kg.api.lineage"]
    assert len(drawings) == 1, drawings  # one drawing for every request to this store


def test_root_follows_a_new_build(build, tmp_path):
    work = tmp_path / "out"
    shutil.copytree(build, work, ignore=shutil.ignore_patterns("store"))
    srv = Server("--graph", str(work), "--reload-interval", "0.3", "--workers", "2", cwd=tmp_path)
    try:
        before = {n["id"] for n in embedded(HTTP.get(srv.url + "/").text)["nodes"]}
        assert SUPER in before and "model/brand-new" not in before
        with (work / "graph.ttl").open("a") as fh:  # what a new `kg build` changes
            fh.write(f'\n<{RES}model/brand-new> a <{MLKG}Model> ; '
                     '<http://www.w3.org/2000/01/rdf-schema#label> "Brand New" .\n')
        for _ in range(300):
            if HTTP.get(srv.url + "/health").json()["reloads"] == 1:
                break
            time.sleep(0.1)
        after = {n["id"] for n in embedded(HTTP.get(srv.url + "/").text)["nodes"]}
        assert after == before | {"model/brand-new"}
    finally:
        srv.stop()


def test_root_maps_a_remote_endpoint(oxigraph, build, expected, tmp_path):  # noqa: F811
    run = subprocess.run([*kg_command(), "push", "--endpoint", oxigraph + "/store", "--graph", str(build)],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    srv = Server("--endpoint", oxigraph + "/query", "--workers", "1", "--timeout", "20", cwd=tmp_path)
    try:
        assert drawn(embedded(HTTP.get(srv.url + "/").text)) == drawn(expected)
    finally:
        srv.stop()


def test_an_unreadable_store_gets_a_clear_503(tmp_path):
    from test_api import free_port

    dead = f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there
    srv = Server("--endpoint", dead, "--workers", "1", "--timeout", "5", cwd=tmp_path)
    try:
        r = HTTP.get(srv.url + "/")
        assert r.status_code == 503
        assert "No map: the store could not be read" in r.text and '<a href="/sparql">' in r.text
        assert HTTP.get(srv.url + "/").status_code == 503  # a failure is not cached as a page
    finally:
        srv.stop()


@pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed")
def test_root_in_a_real_browser(served, expected):
    sync_api = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(served.url + "/")
            wait_ready(page)
            shown = page.evaluate("mlkgMap.network.body.nodeIndices.length")
            page.evaluate("(id) => mlkgMap.select(id, true)", SUPER)
            panel = page.inner_text("#panel")
        finally:
            browser.close()
    assert not errors
    assert requests and all(u.startswith(served.url + "/") for u in requests), requests
    assert shown == len(expected["nodes"])  # a small map opens with every layer on
    assert "Nemotron 3 Super" in panel and "LatentMoE" in panel
