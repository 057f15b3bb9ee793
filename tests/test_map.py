"""The lineage map: counts, escaping, offline page, atomic write, layout."""

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg import map as kgmap
from kg import map_layout as layout
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


# 12 asserted facts minus the merged derivedFrom; "Mixture of Experts" is only a broader family
# of LatentMoE here, so it is left to the technique filter, not drawn.
N_NODES, N_EDGES = 10, 10


def _embedded(html: str) -> dict:
    return kgmap.page_data(html)


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
    assert rels.count("introduces") == 2 and rels.count("broader") == 0
    kinds = {n["id"]: n["kind"] for n in data["nodes"]}
    assert "person/ada" not in kinds and list(kinds.values()).count("model") == 5
    assert "technique/moe" not in kinds
    pruned = next(e for e in data["edges"] if e["rel"] == "prunedFrom")
    # drawn parent -> child; the merged derivedFrom sentence travels with it
    assert (pruned["from"], pruned["to"]) == ("model/base-12b", "model/mini-8b")
    assert len(pruned["evidence"]) == 2
    assert "Mini 8B derives from Base 12B." in [ev["sentence"] for ev in pruned["evidence"]]
    # vis gets only the drawing, with positions; the facts travel beside it
    drawn = data["vis"]["nodes"]
    assert [n["id"] for n in drawn] == list(kinds) and all("x" in n and "y" in n for n in drawn)
    assert not any("facts" in n or "evidence" in n for n in drawn + data["vis"]["edges"])
    assert len(data["vis"]["edges"]) == N_EDGES


def test_technique_families_from_instance_and_ontology() -> None:
    data = kgmap.map_data(sample_graph())
    tax = {t["id"]: t for t in data["taxonomy"]}
    # the instance graph says LatentMoE is a kind of "moe"; the ontology adds its own family
    assert tax["technique/latentmoe"]["broader"] == ["technique/mixture-of-experts", "technique/moe"]
    assert tax["technique/mixture-of-experts"]["label"] == "Mixture of Experts"
    assert tax["technique/mamba"]["broader"] == ["technique/state-space-model"]


def test_kind_of_edge_between_drawn_techniques() -> None:
    g = sample_graph()
    g.add((RES["model/mini-8b-chat"], MLKG.usesTechnique, RES["technique/moe"]))
    data = kgmap.map_data(g)
    broader = [e for e in data["edges"] if e["rel"] == "broader"]
    assert [(e["from"], e["to"]) for e in broader] == [("technique/latentmoe", "technique/moe")]


def test_names_for_search_and_abbreviations(seed_graph) -> None:
    nodes = {n["id"]: n for n in kgmap.map_data(seed_graph)["nodes"]}
    mtp = nodes["technique/mtp"]
    assert mtp["abbr"] == "MTP" and "MTP" in mtp["names"]  # variant names from the ontology
    paper = next(n for n in nodes.values() if n["kind"] == "paper" and n["issued"])
    assert paper["short"] and len(paper["short"]) <= 60


def test_labels_cannot_break_out(html: str) -> None:
    assert "<img src=x" not in html
    assert "</script><script>alert(2)" not in html
    assert "<b>map</b>" not in html and "&lt;b&gt;map&lt;/b&gt; &amp; co" in html
    data = _embedded(html)
    names = {n["name"] for n in data["nodes"]}
    assert IMG in names and SCRIPT in names  # the JSON still round-trips to the real text
    # the page has three scripts: the data and the evidence (JSON), vis-network with our code
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


def test_lineage_reads_left_to_right() -> None:
    data = kgmap.map_data(sample_graph())
    node = {n["id"]: n for n in data["nodes"]}
    chain = ["model/base-12b", "model/mini-8b", "model/mini-8b-chat", "model/evil-img",
             "model/evil-script"]
    xs = [node[m]["x"] for m in chain]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    base = node["model/base-12b"]
    assert base["facts"][0][:2] == ["Total parameters", "12B"]
    # introduced in p1, named in p2's evidence; dated by the introducing paper
    assert base["papers"] == ["paper/2401.00001", "paper/2502.00002"]
    assert base["issued"] == "2024-01-01"
    # satellites sit next to their model: within two cells
    latent = node["technique/latentmoe"]
    assert abs(latent["x"] - base["x"]) <= 2 * layout.CELL_W
    assert abs(latent["y"] - base["y"]) <= 2 * layout.CELL_H


def test_no_two_nodes_share_a_cell(seed_graph) -> None:
    nodes = kgmap.map_data(seed_graph)["nodes"]
    spots = {(n["x"], n["y"]) for n in nodes}
    assert len(spots) == len(nodes)


def test_family_cards_never_touch(seed_graph) -> None:
    cards = kgmap.map_data(seed_graph)["groups"]
    assert len(cards) > 5
    for i, (x1, y1, w1, h1) in enumerate(cards):
        for x2, y2, w2, h2 in cards[i + 1:]:
            apart_x = x1 + w1 + layout.GAP_X <= x2 or x2 + w2 + layout.GAP_X <= x1
            apart_y = y1 + h1 + layout.GAP_Y <= y2 or y2 + h2 + layout.GAP_Y <= y1
            assert apart_x or apart_y


def test_seed_map_fits_a_screen_not_a_column(seed_graph) -> None:
    """The old map stacked ~50 models without lineage into one tall column."""
    nodes = kgmap.map_data(seed_graph)["nodes"]
    width = max(n["x"] for n in nodes) - min(n["x"] for n in nodes)
    height = max(n["y"] for n in nodes) - min(n["y"] for n in nodes)
    assert 1.0 < width / height < 3.0
    node = {n["id"]: n for n in nodes}
    for parent, child in (("model/nemotron-nano-12b-v2-base", "model/nemotron-nano-9b-v2"),
                          ("model/nemotron-3-nano-30b-a3b", "model/nemotron-3-nano-omni")):
        assert node[parent]["x"] < node[child]["x"]


def test_dates_order_a_family() -> None:
    """Within one family a later-dated model is never left of an earlier one."""
    g = sample_graph()
    side, p3 = RES["model/side"], RES["paper/2603.00003"]
    _entity(g, side, MLKG.Model, "Side")
    _entity(g, p3, MLKG.Paper, "Side paper")
    g.add((p3, DCTERMS.issued, Literal(date(2026, 3, 1))))
    g.add((p3, MLKG.introduces, side))
    g.add((side, MLKG.fineTunedFrom, RES["model/base-12b"]))  # one step from the 2024 root
    node = {n["id"]: n for n in kgmap.map_data(g)["nodes"]}
    assert node["model/side"]["x"] >= node["model/mini-8b"]["x"]  # 2026 not left of 2025


def test_cycle_does_not_hang() -> None:
    g = sample_graph()
    g.add((RES["model/base-12b"], MLKG.fineTunedFrom, RES["model/mini-8b-chat"]))
    nodes = kgmap.map_data(g)["nodes"]
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)


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
    assert data["physics"] is False and data["vis"]["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n and "fixed" not in n for n in data["vis"]["nodes"])
    x = {n["id"]: n["x"] for n in data["vis"]["nodes"]}
    assert x["model/m1"] > x["model/m0"]
    assert data["layersOff"] == ["technique", "paper"]


def test_small_graph_settles_only_the_satellites(html: str) -> None:
    data = _embedded(html)
    assert data["physics"] is True and data["vis"]["options"]["physics"]["enabled"] is True
    fixed = {n["id"] for n in data["vis"]["nodes"] if n.get("fixed")}
    assert fixed == {n["id"] for n in data["nodes"] if n["kind"] == "model"}
    assert data["layersOff"] == []


def test_neighbourhood_by_name_and_depth() -> None:
    g = sample_graph()
    one = kgmap.map_data(g, focus="Mini 8B Chat", depth=1)
    ids = {n["id"] for n in one["nodes"]}
    assert {"model/mini-8b", "model/mini-8b-chat", "model/evil-img"} <= ids
    assert "model/base-12b" not in ids and "model/evil-script" not in ids
    assert "technique/mamba" in ids  # the satellites of kept models come along
    two = kgmap.map_data(g, focus="model/mini-8b-chat", depth=2)
    assert {"model/base-12b", "model/evil-script"} <= {n["id"] for n in two["nodes"]}
    with pytest.raises(KeyError):
        kgmap.map_data(g, focus="no such model")


def test_viz_command(tmp_path, capsys) -> None:
    import argparse

    from kg import viz_command

    (tmp_path / "graph.ttl").write_text(sample_graph().serialize(format="turtle"), encoding="utf-8")
    ap = argparse.ArgumentParser()
    viz_command.register(ap.add_subparsers(dest="command"))
    args = ap.parse_args(["viz", "--graph", str(tmp_path)])
    assert args.func(args) == 0
    assert len(_embedded((tmp_path / "lineage.html").read_text(encoding="utf-8"))["nodes"]) == N_NODES
    args = ap.parse_args(["viz", "--graph", str(tmp_path), "--focus", "Mini 8B", "--depth", "1",
                          "-o", str(tmp_path / "mini.html")])
    assert args.func(args) == 0
    assert "map: 8 nodes" in capsys.readouterr().out  # 3 models, 3 techniques and data, 2 papers
    args = ap.parse_args(["viz", "--graph", str(tmp_path), "--focus", "nothing"])
    assert args.func(args) == 2
    args = ap.parse_args(["viz", "--graph", str(tmp_path / "missing")])
    assert args.func(args) == 2


@pytest.mark.parametrize(("value", "shown"), [
    (120_000_000_000, "120B"), (12_500_000_000, "12.5B"), (131_072, "131K"),
    (1_000_000, "1M"), (25_000_000_000_000, "25T"), (999, "999"),
])
def test_human_number(value: int, shown: str) -> None:
    assert kgmap.human_number(value) == shown
