"""Extraction on the seeds and on sentences that test one pattern of English each."""

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from kg.document import Document
from kg.extract import extract
from kg.graph import build_graph
from kg.vocab import MLKG, RES


def model(g, label):
    hits = [s for s in g.subjects(RDFS.label, Literal(label)) if (s, RDF.type, MLKG.Model) in g]
    assert len(hits) == 1, f"{label}: {hits}"
    return hits[0]


def labels(g, nodes):
    return {str(g.value(n, RDFS.label)) for n in nodes}


def graph_of(*abstracts):
    return build_graph([extract(Document(a, sources=[f"t#{i}"])) for i, a in enumerate(abstracts)])


def test_latentmoe_is_used_by_super_and_ultra_only(seed_graph):
    g = seed_graph
    users = set(g.subjects(MLKG.usesTechnique, RES["technique/latentmoe"]))
    assert labels(g, users) == {"Nemotron 3 Super", "Nemotron 3 Ultra"}


def test_variant_names_merge_and_checkpoints_stay_apart(seed_graph):
    g = seed_graph
    sup = model(g, "Nemotron 3 Super")
    assert Literal("Nemotron-3 Super") in set(g.objects(sup, SKOS.altLabel))
    gpt = model(g, "GPT-OSS-120B") if (None, RDFS.label, Literal("GPT-OSS-120B")) in g else \
        model(g, "gpt-oss-120B")
    names = {str(x) for x in g.objects(gpt, SKOS.altLabel)} | {str(g.value(gpt, RDFS.label))}
    assert {"GPT-OSS-120B", "gpt-oss-120B"} <= names
    nemo51 = model(g, "Llama-3.1-Nemotron-51B-Instruct")
    assert Literal("Nemotron-51B") in set(g.objects(nemo51, SKOS.altLabel))
    assert model(g, "Nemotron-Nano-9B-v2") != model(g, "Nemotron-Nano-9B-v2-Base")


def test_lineage_kinds_on_the_seeds(seed_graph):
    g = seed_graph
    nano9 = model(g, "Nemotron-Nano-9B-v2")
    base12 = model(g, "Nemotron-Nano-12B-v2-Base")
    assert (nano9, MLKG.prunedFrom, base12) in g and (nano9, MLKG.distilledFrom, base12) in g
    puzzle88 = model(g, "gpt-oss-puzzle-88B")
    assert list(g.objects(puzzle88, MLKG.nasDerivedFrom))
    omni = model(g, "Nemotron 3 Nano Omni")
    assert (omni, MLKG.builtOn, model(g, "Nemotron 3 Nano 30B-A3B")) in g
    assert (omni, MLKG.successorOf, model(g, "Nemotron Nano V2 VL")) in g


def test_figures_are_plain_numbers(seed_graph):
    g = seed_graph
    sup = model(g, "Nemotron 3 Super")
    assert g.value(sup, MLKG.totalParameters).toPython() == 120_000_000_000
    assert g.value(sup, MLKG.activeParameters).toPython() == 12_000_000_000
    assert g.value(sup, MLKG.contextLength).toPython() == 1_000_000
    ultra = model(g, "Nemotron 3 Ultra")
    assert g.value(ultra, MLKG.totalParameters).toPython() == 550_000_000_000


def test_every_asserted_fact_has_evidence_with_a_sentence_of_its_paper(seed_graph):
    g = seed_graph
    evidenced = {(g.value(e, RDF.subject), g.value(e, RDF.predicate), g.value(e, RDF.object))
                 for e in g.subjects(RDF.type, MLKG.Evidence)}
    facts = [(s, p, o) for s, p, o in g if str(p).startswith(str(MLKG._NS))
             and p not in (MLKG.sourceFile, MLKG.affiliation) and s.startswith(RES)
             and not str(s).startswith(str(RES["evidence/"]))]
    assert facts
    assert [f for f in facts if f not in evidenced] == []
    for e in g.subjects(RDF.type, MLKG.Evidence):
        paper = g.value(e, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
        abstract = str(g.value(paper, URIRef("http://purl.org/dc/terms/abstract")))
        start, end = (g.value(e, MLKG.charStart).toPython(), g.value(e, MLKG.charEnd).toPython())
        assert abstract[start:end] == str(g.value(e, MLKG.sentence))


def test_comparison_and_contrast_are_not_lineage_or_usage():
    g = graph_of("We introduce Foo-7B, a language model. Foo-7B outperforms Llama-3.1-8B and is "
                 "faster than Qwen2.5-7B. Unlike Mixtral-8x7B, which uses Mixture of Experts, "
                 "Foo-7B is dense.")
    foo = model(g, "Foo-7B")
    lineage = [p for p in (MLKG.derivedFrom, MLKG.prunedFrom, MLKG.distilledFrom,
                           MLKG.fineTunedFrom, MLKG.builtOn, MLKG.successorOf)
               if list(g.objects(foo, p))]
    assert lineage == []
    assert not list(g.objects(foo, MLKG.usesTechnique))
    assert labels(g, g.objects(foo, MLKG.comparedWith)) >= {"Llama-3.1-8B", "Qwen2.5-7B"}


def test_patterns_generalise_to_unseen_families():
    g = graph_of(
        "We present Zeta-2 70B, a Mixture-of-Experts language model with 70B total parameters "
        "and 9B active. Zeta-2 70B is pre-trained on 12 trillion tokens and supports a 256K "
        "token context length. We prune and distill Zeta-2 70B into Zeta-2 20B. Compared to "
        "its predecessor Zeta-1 65B, it is faster. We release Zeta-2 70B-Base and Zeta-2 "
        "70B-Instruct.")
    z70 = model(g, "Zeta-2 70B")
    assert g.value(z70, MLKG.activeParameters).toPython() == 9_000_000_000
    assert g.value(z70, MLKG.trainingTokens).toPython() == 12_000_000_000_000
    assert g.value(z70, MLKG.contextLength).toPython() == 256_000
    assert (z70, MLKG.usesTechnique, RES["technique/mixture-of-experts"]) in g
    assert (model(g, "Zeta-2 20B"), MLKG.prunedFrom, z70) in g
    assert (z70, MLKG.successorOf, model(g, "Zeta-1 65B")) in g
    assert (model(g, "Zeta-2 70B-Instruct"), MLKG.fineTunedFrom, model(g, "Zeta-2 70B-Base")) in g


def test_unusual_unicode_html_and_latex_do_not_break_extraction():
    text = ("We introduce <b>Qwen3\u201330B\u2013A3B</b>, a \u201cMixture-of-Experts\u201d "
            "model that is 3$\\times$ faster&nbsp;than Llama\u00a03 models. " + "word " * 3000)
    g = graph_of(text)
    q = model(g, "Qwen3-30B-A3B")
    assert g.value(q, MLKG.activeParameters).toPython() == 3_000_000_000
    bad = [str(x) for x in g.objects(None, RDFS.label) if any(c in str(x) for c in "<>$\\")]
    assert bad == []
