"""The lineage map in a real browser: Debian's chromium driven by Playwright (no browser is
downloaded). Each test opens a written map from disk and reads what vis-network drew."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS
from test_map import IMG, SCRIPT, sample_graph

from kg import map as kgmap
from kg.viz_command import CHROMIUM_ARGS, chromium_path, wait_ready
from kg.vocab import MLKG, RES

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed: pip install -e '.[test]'")
pytestmark = pytest.mark.skipif(chromium_path() is None,
                                reason="Debian's chromium is not installed: apt-get install chromium")
SUPER = "model/nemotron-3-super"


@dataclass
class Visit:
    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def shown(self) -> dict:
        """What vis-network itself draws now: its visible node and edge indices."""
        return self.js("(() => { const b = mlkgMap.network.body; return {nodes: b.nodeIndices.slice(),"
                       " edges: b.edgeIndices.length}; })()")

    def panel(self) -> str:
        return self.page.inner_text("#panel")

    def click_node(self, node: str) -> None:
        """A real mouse click on the node's place on the canvas (after Fit, so it is on screen)."""
        self.page.click("#fit")
        box = self.page.locator("#network canvas").bounding_box()
        xy = self.page.evaluate("(id) => mlkgMap.network.canvasToDOM(mlkgMap.network.getPosition(id))", node)
        self.page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=list(CHROMIUM_ARGS))
        yield b
        b.close()


@pytest.fixture(scope="module")
def seed_map(seed_graph, tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("map") / "lineage.html"
    kgmap.write_map(seed_graph, path)
    return path, kgmap.map_data(seed_graph)


@pytest.fixture
def visit(browser):
    pages = []

    def open_map(path: Path, fragment: str = "") -> Visit:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        pages.append(page)
        v = Visit(page)
        page.on("request", lambda r: v.requests.append(r.url))
        page.on("console", lambda m: v.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: v.errors.append(str(exc)))
        page.on("dialog", lambda d: (v.dialogs.append(d.message), d.dismiss()))
        # Nothing may leave the machine even if the page tried: every other request fails.
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else route.abort())
        page.goto(path.resolve().as_uri() + (f"#{fragment}" if fragment else ""))
        wait_ready(page)
        return v

    yield open_map
    for page in pages:
        page.close()


def test_offline_no_errors_and_everything_drawn(visit, seed_map) -> None:
    path, data = seed_map
    v = visit(path)
    assert v.requests == [path.resolve().as_uri()]  # the page itself, nothing else
    assert v.errors == [] and v.dialogs == []
    drawn = v.shown()
    assert sorted(drawn["nodes"]) == sorted(n["id"] for n in data["nodes"])
    assert drawn["edges"] == len(data["edges"])
    # settled, then frozen: physics is off and nothing moves any more
    before = v.js("mlkgMap.network.getPositions()")
    v.page.wait_for_timeout(300)
    assert v.js("mlkgMap.network.physics.options.enabled") is False
    assert v.js("mlkgMap.network.getPositions()") == before
    legend = v.page.inner_text("#legend")
    models = sum(n["kind"] == "model" for n in data["nodes"])
    assert f"Model ({models})" in legend and "pruned from" in legend and "uses technique" in legend


def test_clicking_nemotron_3_super_shows_techniques_with_evidence(visit, seed_map) -> None:
    v = visit(seed_map[0])
    v.click_node(SUPER)
    assert v.js("mlkgMap.network.getSelectedNodes()") == [SUPER]
    assert v.page.inner_text("#panel h2") == "Nemotron 3 Super"
    text = v.panel()
    assert "USES TECHNIQUE" in text.upper()
    links = v.page.locator("#panel .rel").all_inner_texts()
    for name in ("LatentMoE", "Multi-Token Prediction (MTP)", "NVFP4"):
        assert name in links
    quotes = v.page.locator("#panel blockquote.evidence").all_inner_texts()
    for word in ("LatentMoE", "MTP", "NVFP4"):
        assert any(word in q for q in quotes), word
    assert "Total parameters" in text and "120B" in text
    assert "#" in v.page.url and "node=model%2Fnemotron-3-super" in v.page.url
    assert v.errors == []


def test_edge_hover_shows_its_evidence(visit, seed_map) -> None:
    v = visit(seed_map[0], "focus=" + SUPER)  # its edges alone: no other edge crosses them
    edge = next(e for e in seed_map[1]["edges"]
                if e["rel"] == "usesTechnique" and e["s"] == SUPER and e["o"] == "technique/nvfp4")
    box = v.page.locator("#network canvas").bounding_box()
    mid = v.page.evaluate("([from, to]) => { const n = mlkgMap.network;"
                          " const a = n.getPosition(from), b = n.getPosition(to);"
                          " return n.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}); }",
                          [edge["from"], edge["to"]])
    v.page.mouse.move(box["x"] + mid["x"], box["y"] + mid["y"])
    v.page.wait_for_selector("#tip:not([hidden])", timeout=3000)
    tip = v.page.inner_text("#tip")
    assert "uses technique" in tip and "NVFP4" in tip and "\u201c" in tip


def test_search_and_focus_change_what_is_shown(visit, seed_map) -> None:
    path, data = seed_map
    v = visit(path)
    v.page.fill("#search", "MTP")  # a variant name of Multi-Token Prediction
    v.page.press("#search", "Enter")
    assert v.js("mlkgMap.network.getSelectedNodes()") == ["technique/mtp"]
    assert v.page.inner_text("#panel h2") == "Multi-Token Prediction"
    v.page.fill("#search", "nemotron 3 super")
    v.page.press("#search", "Enter")
    assert v.js("mlkgMap.network.getSelectedNodes()") == [SUPER]

    v.page.fill("#search", "")
    v.click_node("model/nemotron-nano-9b-v2")
    v.page.click("#panel button:text('Focus lineage')")
    shown = set(v.shown()["nodes"])
    lineage = {"model/nemotron-nano-9b-v2", "model/nemotron-nano-12b-v2-base",
               "model/nemotron-nano-9b-v2-base"}
    assert lineage <= shown and len(shown) < len(data["nodes"]) / 4
    assert SUPER not in shown
    # the view is in the URL: opening it again shows the same nodes
    url = v.page.url
    assert "focus=model%2Fnemotron-nano-9b-v2" in url
    again = visit(path, url.split("#", 1)[1])
    assert set(again.shown()["nodes"]) == shown
    v.page.click("#reset")
    assert len(v.shown()["nodes"]) == len(data["nodes"])
    assert v.errors == [] and again.errors == []


def test_technique_filter_includes_narrower_techniques(visit, seed_map) -> None:
    path, data = seed_map
    v = visit(path)
    models = {n["id"] for n in data["nodes"] if n["kind"] == "model"}

    def filtered(technique: str) -> set[str]:
        v.page.select_option("#technique", technique)
        return set(v.shown()["nodes"]) & models

    latent = filtered("technique/latentmoe")
    assert SUPER in latent and len(latent) < len(models)
    moe = filtered("technique/mixture-of-experts")  # LatentMoE is a kind of Mixture of Experts
    assert latent < moe
    assert "use Mixture of Experts or a narrower technique" in v.page.inner_text("#status")
    # the layer toggle hides every paper, and the filter is linkable
    assert "technique=technique%2Fmixture-of-experts" in v.page.url
    v.page.select_option("#technique", "")
    v.page.uncheck("#layer-paper")
    kinds = {n["id"]: n["kind"] for n in data["nodes"]}
    assert all(kinds[n] != "paper" for n in v.shown()["nodes"])
    assert "hide=paper" in v.page.url


def test_hostile_labels_render_as_text_and_never_run(visit, tmp_path) -> None:
    path = tmp_path / "evil.html"
    g = sample_graph()
    kgmap.write_map(g, path, title=IMG + SCRIPT)
    v = visit(path)
    assert v.dialogs == [] and v.errors == []
    assert v.page.inner_text("h1") == IMG + SCRIPT
    assert v.js("document.querySelectorAll('img').length") == 0
    assert v.js("document.scripts.length") == 3  # data, evidence, code: none injected
    assert v.page.title() == IMG + SCRIPT
    for name, node in ((IMG, "model/evil-img"), (SCRIPT, "model/evil-script")):
        v.click_node(node)
        assert v.page.inner_text("#panel h2") == name
    assert SCRIPT + "-alt" in v.panel()  # its variant name, as text
    v.page.fill("#search", "<img")
    v.page.press("#search", "Enter")
    assert v.js("mlkgMap.network.getSelectedNodes()") == ["model/evil-img"]
    quotes = v.page.locator("#panel blockquote.evidence").all_inner_texts()
    assert any(IMG in q for q in quotes)
    v.page.mouse.move(5, 5)
    v.page.wait_for_timeout(200)
    assert v.dialogs == [] and v.js("document.querySelectorAll('img').length") == 0


def test_hostile_corpus_through_the_build(visit, tmp_path) -> None:
    """The same strings in abstracts: the extractor never names a node with markup, and
    whatever reaches the page stays inert."""
    from kg.pipeline import extract_graph

    corpus = tmp_path / "evil.jsonl"
    rows = [{"title": f"{IMG}: a model", "date": "2025-01-02",
             "abstract": f"We introduce {IMG}, a 7B model fine-tuned from Llama-3.1-8B. {SCRIPT} is "
                         f"distilled from {IMG} and uses Mixture of Experts."},
            {"title": "Evil-7B: a model", "date": "2025-02-03",
             "abstract": f"We introduce Evil-7B, fine-tuned from Llama-3.1-8B. {SCRIPT}"}]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    path = tmp_path / "lineage.html"
    kgmap.write_map(extract_graph([corpus]).graph, path)
    v = visit(path)
    v.page.wait_for_timeout(200)
    assert v.dialogs == [] and v.errors == []
    assert v.js("document.querySelectorAll('img').length") == 0


def test_large_map_opens_with_lineage_first(visit, tmp_path) -> None:
    """Above kg.map.LARGE nodes: no physics, and techniques and papers reach vis only when
    their layer is switched on."""
    g = Graph()
    for i in range(400):
        m, p, t = RES[f"model/m{i}"], RES[f"paper/p{i}"], RES[f"technique/t{i % 7}"]
        for e, cls, label in ((m, MLKG.Model, f"M{i}"), (p, MLKG.Paper, f"Paper {i}"),
                              (t, MLKG.Technique, f"T{i % 7}")):
            g.add((e, RDF.type, cls))
            g.add((e, RDFS.label, Literal(label)))
        g.add((p, MLKG.introduces, m))
        g.add((m, MLKG.usesTechnique, t))
        if i % 5:
            g.add((m, MLKG.fineTunedFrom, RES[f"model/m{i - 1}"]))
    path = tmp_path / "large.html"
    stats = kgmap.write_map(g, path)
    v = visit(path)
    assert v.js("mlkgMap.network.physics.options.enabled") is False
    assert len(v.shown()["nodes"]) == 400 and v.js("mlkgMap.nodes.length") == 400
    assert not v.page.is_checked("#layer-paper")
    v.page.check("#layer-paper")
    v.page.check("#layer-technique")
    drawn = v.shown()
    assert len(drawn["nodes"]) == stats.nodes and drawn["edges"] == stats.edges
    assert "show=technique%2Cpaper" in v.page.url or "show=paper%2Ctechnique" in v.page.url
    assert v.errors == []
