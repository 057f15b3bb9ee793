"""An inconsistent build fails, names the individual and the evidence behind it, and
leaves the last good graph in place (kg.pipeline, as `kg build` runs it)."""

import json

from rdflib import Literal
from rdflib.namespace import PROV, RDF

from kg.pipeline import extract_graph, reason, write_outputs
from kg.report import Severity
from kg.vocab import MLKG, RES

ABSTRACT = ("We present Foo-7B, a hybrid Mamba-Transformer language model that uses LatentMoE. "
            "Foo-7B is pruned and distilled from Bar-13B. Foo-7B outperforms Qwen3-8B on MMLU.")
FOO, BAR = RES["model/foo-7b"], RES["model/bar-13b"]


def test_model_typed_as_technique_fails_the_build_and_keeps_the_last_good_graph(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "foo.jsonl").write_text(json.dumps(
        {"title": "Foo: a small model", "date": "2025-03-04", "abstract": ABSTRACT}) + "\n")
    out = tmp_path / "out"

    good = extract_graph([corpus])
    assert (BAR, RDF.type, MLKG.Model) in good.graph
    assert write_outputs(good, out, with_map=False) == [out / "graph.ttl"]
    before = (out / "graph.ttl").read_bytes()

    # The same corpus, with the extractor misreading Bar-13B as a technique Foo-7B uses:
    # Bar-13B becomes a Model and (by the range of usesTechnique) a Technique.
    bad = extract_graph([corpus])
    paper = next(bad.graph.subjects(RDF.type, MLKG.Paper))
    sentence = "Foo-7B is pruned and distilled from Bar-13B."
    start = ABSTRACT.index(sentence)
    ev = RES["evidence/misread"]
    bad.graph.add((FOO, MLKG.usesTechnique, BAR))
    for p, o in ((RDF.type, MLKG.Evidence), (RDF.subject, FOO), (RDF.predicate, MLKG.usesTechnique),
                 (RDF.object, BAR), (PROV.wasDerivedFrom, paper), (MLKG.sentence, Literal(sentence)),
                 (MLKG.charStart, Literal(start)),
                 (MLKG.charEnd, Literal(start + len(sentence)))):
        bad.graph.add((ev, p, o))
    reason(bad)

    assert bad.consistent is False
    errors = [d for d in bad.diagnostics if d.severity == Severity.ERROR]
    named = [str(d) for d in errors if str(BAR) in str(d)]  # the individual is where, or in the text
    assert named, [str(d) for d in errors]
    assert "mlkg:Model and mlkg:Technique" in named[0]
    assert "res:model/foo-7b mlkg:usesTechnique res:model/bar-13b" in named[0]  # the fact
    assert f'({"Foo: a small model"}): "{sentence}"' in named[0]  # its paper and sentence
    assert str(paper).rsplit("/", 1)[1] in named[0]

    assert write_outputs(bad, out, with_map=False) == []
    assert (out / "graph.ttl").read_bytes() == before
    assert not (out / "inferred.ttl").exists()
