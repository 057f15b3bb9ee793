"""The lineage map: counts, escaping, offline page, atomic write, layout."""

import json
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg import map as kgmap
from kg.vocab import MLKG, RES

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(2)</script>"


def _evidence(g: Graph, s, p, o, paper, sentence: str) -> None:
    ev = BNode()
    for pred, obj in ((RDF.type, MLKG.Evidence), (RDF.type, RDF.Statement), (RDF.subject, s),
                      (RDF.predicate, p), (RDF.object, o), (PROV.wasDerivedFrom, paper),
                      (MLKG.sentence, Literal(sentence)), (MLKG.rule, Literal("test")),
                      (MLKG.confidence, Literal(Decimal("0.9")))):
        g.add((ev, pred, obj))


def _entity(g: Graph, iri, cls, label: str, *alts: str) -> None:
    g.add((iri, RDF.type, cls))
    g.add((iri, RDFS.label, Literal(label)))
    for alt in alts:
        g.add((iri, SKOS.altLabel, Literal(alt)))


def sample_graph() -> Graph:
    """5 models, 3 techniques, 1 dataset, 2 papers: 11 nodes, 11 drawn edges."""
    g = Graph()
    base, mini, chat = RES["model/base-12b"], RES["model/mini-8b"], RES["model/mini-8b-chat"]
    evil_img, evil_script = RES["model/evil-img"], RES["model/evil-script"]
    moe, latent, mamba = RES["technique/moe"], RES["technique/latentmoe"], RES["technique/mamba"]
    web = RES["dataset/web-corpus"]
    p1, p2 = RES["paper/2401.00001"], RES["paper/2502.00002"]
    _entity(g, base, MLKG.Model, "Base 12B", "Base-12B-v1")
    _entity(g, mini, MLKG.Model, "Mini 8B")
    _entity(g, chat, MLKG.Model, "Mini 8B Chat")
    _entity(g, evil_img, MLKG.Model, IMG)
    _entity(g, evil_script, MLKG.Model, SCRIPT, SCRIPT + "-alt")
    _entity(g, moe, MLKG.Technique, "Mixture of Experts", "MoE")
    _entity(g, latent, MLKG.Technique, "LatentMoE")
    _entity(g, mamba, MLKG.Technique, "Mamba")
    _entity(g, web, MLKG.Dataset, "Web Corpus")
    _entity(g, p1, MLKG.Paper, "Base models")
    _entity(g, p2, MLKG.Paper, "Small models")
    g.add((p1, DCTERMS.issued, Literal(date(2024, 1, 1))))
    g.add((p2, DCTERMS.issued, Literal(date(2025, 2, 1))))
    g.add((latent, SKOS.broader, moe))
    g.add((base, MLKG.totalParameters, Literal(12_000_000_000)))
    g.add((mini, MLKG.contextLength, Literal(131_072)))
    facts = [
        (mini, MLKG.prunedFrom, base, p2, "Mini 8B is pruned from Base 12B."),
        (mini, MLKG.distilledFrom, base, p2, "It is then distilled from Base 12B."),
        (mini, MLKG.derivedFrom, base, p2, "Mini 8B derives from Base 12B."),  # merged
        (chat, MLKG.fineTunedFrom, mini, p2, "Mini 8B Chat is fine-tuned from Mini 8B."),
        (evil_img, MLKG.fineTunedFrom, chat, p2, f"{IMG} is fine-tuned from Mini 8B Chat."),
        (evil_script, MLKG.quantizedFrom, evil_img, p2, f"{SCRIPT} quantizes it."),
        (base, MLKG.usesTechnique, latent, p1, "Base 12B uses LatentMoE."),
        (mini, MLKG.usesTechnique, mamba, p2, "Mini 8B uses Mamba."),
        (base, MLKG.trainedOn, web, p1, "Base 12B is trained on Web Corpus."),
        (p1, MLKG.introduces, base, p1, "We introduce Base 12B."),
        (p2, MLKG.introduces, mini, p2, "We introduce Mini 8B."),
    ]
    for s, p, o, paper, sentence in facts:
        g.add((s, p, o))
        _evidence(g, s, p, o, paper, sentence)
    # not drawn: a person and an evidence node are no map nodes
    g.add((p1, DCTERMS.creator, RES["person/ada"]))
    _entity(g, RES["person/ada"], MLKG.Person, "Ada")
    return g


N_NODES, N_EDGES = 11, 11  # 12 asserted facts minus the merged derivedFrom


def _embedded(html: str) -> dict:
    m = re.search(r'<script id="mlkg-data" type="application/json">(.*?)</script>', html, re.S)
    assert m, "data block missing"
    return json.loads(m.group(1))


class _Loads(HTMLParser):
    """Every script src and stylesheet/preload href: the page must not have any."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
            if a.get("src"):
                self.refs.append(a["src"])
        if tag == "link" and a.get("href"):
            self.refs.append(a["href"])


@pytest.fixture(scope="module")
def html() -> str:
    return kgmap.map_html(sample_graph(), title="<b>map</b> & co")


def test_counts_in_embedded_json(html: str) -> None:
    data = _embedded(html)
    assert len(data["nodes"]) == N_NODES
    assert len(data["edges"]) == N_EDGES
    rels = sorted(e["rel"] for e in data["edges"])
    assert rels.count("derivedFrom") == 0  # redundant beside prunedFrom/distilledFrom
    assert rels.count("introduces") == 2 and rels.count("broader") == 1
    kinds = {n["id"]: n["kind"] for n in data["nodes"]}
    assert "person/ada" not in kinds and list(kinds.values()).count("model") == 5
    pruned = next(e for e in data["edges"] if e["rel"] == "prunedFrom")
    # drawn parent -> child; the merged derivedFrom sentence travels with it
    assert (pruned["from"], pruned["to"]) == ("model/base-12b", "model/mini-8b")
    assert len(pruned["evidence"]) == 2
    assert "Mini 8B is pruned from Base 12B." in pruned["title"]


def test_labels_cannot_break_out(html: str) -> None:
    assert "<img src=x" not in html
    assert "</script><script>alert(2)" not in html
    assert "<b>map</b>" not in html and "&lt;b&gt;map&lt;/b&gt; &amp; co" in html
    data = _embedded(html)
    names = {n["name"] for n in data["nodes"]}
    assert IMG in names and SCRIPT in names  # the JSON still round-trips to the real text
    # the vis-network bundle stays one script; page has data + vis + app scripts only
    parser = _Loads()
    parser.feed(html)
    assert parser.scripts == 3


def test_offline_page(html: str) -> None:
    parser = _Loads()
    parser.feed(html)
    assert parser.refs == []
    lowered = html.lower()
    assert 'src="http' not in lowered and 'href="http' not in lowered
    assert "//cdn" not in lowered
    assert not re.search(r"<(script|link)\b[^>]*https?://", lowered)
    assert "default-src 'none'" in html  # the page may not fetch anything
    assert "vis.Network" in html and "stabilizationIterationsDone" in html
    assert "@version 9.1.2" in html  # vis-network itself is inline


def test_write_map_atomic(tmp_path) -> None:
    target = tmp_path / "out" / "map.html"
    target.parent.mkdir()
    target.write_text("old")
    stats = kgmap.write_map(sample_graph(), target)
    assert (stats.nodes, stats.edges) == (N_NODES, N_EDGES)
    assert [p.name for p in target.parent.iterdir()] == ["map.html"]
    assert len(_embedded(target.read_text(encoding="utf-8"))["nodes"]) == N_NODES


def test_levels_read_left_to_right() -> None:
    data = kgmap.map_data(sample_graph())
    level = {n["id"]: n["level"] for n in data["nodes"]}
    chain = ["model/base-12b", "model/mini-8b", "model/mini-8b-chat", "model/evil-img",
             "model/evil-script"]
    assert [level[m] for m in chain] == sorted({level[m] for m in chain})
    assert level["technique/latentmoe"] == level["model/base-12b"] + 1
    assert level["technique/moe"] > level["technique/latentmoe"]
    base = next(n for n in data["nodes"] if n["id"] == "model/base-12b")
    assert base["facts"][0][:2] == ["Total parameters", "12B"]
    # introduced in p1, named in p2's evidence; dated by the introducing paper
    assert base["papers"] == ["paper/2401.00001", "paper/2502.00002"]
    assert base["issued"] == "2024-01-01"


def test_cycle_does_not_hang() -> None:
    g = sample_graph()
    g.add((RES["model/base-12b"], MLKG.fineTunedFrom, RES["model/mini-8b-chat"]))
    levels = [n["level"] for n in kgmap.map_data(g)["nodes"]]
    assert max(levels) < 20


def test_large_graph_is_laid_out_in_python() -> None:
    g = Graph()
    prev = None
    for i in range(320):
        m = RES[f"model/m{i}"]
        _entity(g, m, MLKG.Model, f"M{i}")
        if prev is not None and i % 4:
            g.add((m, MLKG.fineTunedFrom, prev))
        prev = m
    data = _embedded(kgmap.map_html(g))
    assert data["physics"] is False and data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n and n["physics"] is False for n in data["nodes"])
    x = {n["id"]: n["x"] for n in data["nodes"]}
    assert x["model/m1"] > x["model/m0"]


@pytest.mark.parametrize(("value", "shown"), [
    (120_000_000_000, "120B"), (12_500_000_000, "12.5B"), (131_072, "131K"),
    (1_000_000, "1M"), (25_000_000_000_000, "25T"), (999, "999"),
])
def test_human_number(value: int, shown: str) -> None:
    assert kgmap.human_number(value) == shown
