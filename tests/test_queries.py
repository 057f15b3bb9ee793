"""The named queries, run on the hand-written fixture plus the ontology, with exact answers."""

import json
import shutil
from pathlib import Path

import pytest

from kg.queries import (
    NO_IRI,
    NamedQuery,
    Param,
    QueryHeaderError,
    QueryParamError,
    load_queries,
    name_iri,
    name_key,
    parse_query,
    sparql_literal,
)
from kg.resources import data_dir, ontology_files
from kg.results import Result, Term, to_csv, to_json, to_table
from kg.store import OxigraphStore, SparqlError, Store, open_graph

FIXTURE = Path(__file__).parent / "data" / "fixture.ttl"
RES = "https://w3id.org/mlkg/resource/"
HOSTILE = 'x" } ; DROP ALL ; #'
REQUIRED = {
    "models-using-technique",
    "ancestors",
    "descendants",
    "techniques-of-model",
    "paper-introduces",
    "technique-origin",
    "models-by-parameters",
    "evidence",
    "models",
}


@pytest.fixture(scope="module")
def queries() -> dict[str, NamedQuery]:
    return load_queries()


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    s = OxigraphStore()
    s.load([FIXTURE, *ontology_files()])
    return s


def run(store: Store, queries: dict[str, NamedQuery], name: str, **params: str) -> Result:
    return store.query(queries[name].bind(params))


def rows(result: Result, *cols: str) -> list[tuple]:
    return [tuple(rec[c] for c in cols) for rec in result.records()]


# ---------------------------------------------------------------- the library itself


def test_required_queries_exist(queries):
    assert REQUIRED <= set(queries)


def test_every_query_file_has_header_and_parses(queries, store):
    files = sorted(data_dir("queries").glob("*.rq"))
    assert {f.stem for f in files} == set(queries)
    empty = OxigraphStore()
    for f in files:
        text = f.read_text()
        assert "#+ summary:" in text and "#+ params:" in text, f.name
        q = queries[f.stem]
        assert q.summary and q.text == text
        sparql = q.bind(q.example)
        assert empty.query(sparql).kind == "select", f.name  # parses, runs on nothing
        assert len(store.query(sparql)) > 0, f"{f.name}: its example finds nothing"


def test_header_fields(queries):
    q = queries["models-by-parameters"]
    assert q.name == "models-by-parameters"
    assert [p.name for p in q.params] == ["min", "max"]
    low, high = q.params
    assert low.optional and low.default == "0"
    assert high.optional and high.default is None
    assert "(optional)" not in high.description
    assert q.example == {"min": "50B", "max": "200B"}
    t = queries["models-using-technique"]
    assert t.params == (
        Param("technique", "label or variant name of the technique (e.g. LatentMoE)"),
    )
    assert t.example == {"technique": "LatentMoE"}
    assert queries["models"].params == () and queries["models"].example == {}


# ---------------------------------------------------------------- exact answers

# Each query run with the example of its header: (column, the whole column in order).
EXAMPLE_ANSWERS = {
    "models-using-technique": ("label", ["Nemotron 3 Super", "Nemotron 3 Ultra"]),
    "ancestors": ("label", ["Nemotron Nano 12B v2 Base"]),
    "descendants": ("label", ["Nemotron Nano 9B v2", "Nemotron 3 Nano"]),
    "techniques-of-model": (
        "label",
        [
            "LatentMoE",
            "Multi-Token Prediction",
            "NVFP4",
            "FP4 low-precision format",
            "Low-Precision Numerics",
            "Mixture of Experts",
            "Speculative Decoding",
        ],
    ),
    "paper-introduces": ("label", ["Llama-3.1-Nemotron-51B-Instruct", "Puzzle"]),
    "technique-origin": (
        "label",
        ["Llama-3.1-Nemotron-51B-Instruct", "Llama-3.1-Nemotron-Ultra-253B"],
    ),
    "models-by-parameters": (
        "label",
        ["Nemotron 3 Super", "Llama-3.1-70B-Instruct", "Llama-3.1-Nemotron-51B-Instruct"],
    ),
    "evidence": ("paper", [RES + "paper/2604.12345", RES + "paper/5c0ffee0a1b2"]),
    "models": ("label", None),  # all twelve, checked in test_models
}


def test_every_example_gives_the_expected_answer(store, queries):
    assert set(EXAMPLE_ANSWERS) == set(queries), "add the new query's expected answer here"
    for name, (column, expected) in EXAMPLE_ANSWERS.items():
        q = queries[name]
        answer = store.query(q.bind(q.example)).column(column)
        assert answer == (expected if expected is not None else answer) and answer, name



def test_models_using_technique(store, queries):
    r = run(store, queries, "models-using-technique", technique="LatentMoE")
    assert r.vars == ["model", "label", "technique", "techniqueLabel"]
    assert rows(r, "label", "techniqueLabel") == [
        ("Nemotron 3 Super", "LatentMoE"),
        ("Nemotron 3 Ultra", "LatentMoE"),
    ]
    assert r.column("model") == [RES + "model/nemotron-3-super", RES + "model/nemotron-3-ultra"]


def test_models_using_technique_through_broader(store, queries):
    # Nano states Mixture of Experts itself; Super and Ultra reach it through LatentMoE
    for name in ("Mixture of Experts", "moe", "mixture-of-experts", "res:technique/mixture-of-experts"):
        r = run(store, queries, "models-using-technique", technique=name)
        assert rows(r, "label", "techniqueLabel") == [
            ("Nemotron 3 Nano", "Mixture of Experts"),
            ("Nemotron 3 Super", "LatentMoE"),
            ("Nemotron 3 Ultra", "LatentMoE"),
        ], name
    two_levels = run(store, queries, "models-using-technique", technique="low precision")
    assert set(two_levels.column("label")) == {"Nemotron 3 Super", "Nemotron 3 Ultra"}
    assert not run(store, queries, "models-using-technique", technique="Mixture")


def test_ancestors_two_hops(store, queries):
    r = run(store, queries, "ancestors", model="Minitron 4B")
    assert r.vars == ["depth", "ancestor", "label", "relation", "of"]
    assert rows(r, "depth", "label", "relation", "of") == [
        ("1", "Minitron 8B", "prunedFrom", "Minitron 4B"),
        ("2", "Nemotron-4 15B", "distilledFrom", "Minitron 8B"),
        ("2", "Nemotron-4 15B", "prunedFrom", "Minitron 8B"),
    ]
    # successorOf is lineage too; names match ignoring case and separators
    r = run(store, queries, "ancestors", model="nemotron-3-nano")
    assert rows(r, "depth", "label", "relation", "of") == [
        ("1", "Nemotron Nano 9B v2", "successorOf", "Nemotron 3 Nano"),
        ("2", "Nemotron Nano 12B v2 Base", "prunedFrom", "Nemotron Nano 9B v2"),
    ]
    nas = run(store, queries, "ancestors", model="Nemotron-51B")  # a variant name
    assert rows(nas, "label", "relation") == [("Llama-3.1-70B-Instruct", "nasDerivedFrom")]
    assert not run(store, queries, "ancestors", model="Nemotron-4 15B")


def test_descendants(store, queries):
    r = run(store, queries, "descendants", model="Nemotron-4 15B")
    assert rows(r, "depth", "label", "relation", "of") == [
        ("1", "Minitron 8B", "distilledFrom", "Nemotron-4 15B"),
        ("1", "Minitron 8B", "prunedFrom", "Nemotron-4 15B"),
        ("2", "Minitron 4B", "prunedFrom", "Minitron 8B"),
    ]
    r = run(store, queries, "descendants", model="res:model/nemotron-nano-12b-v2-base")
    assert rows(r, "depth", "label", "relation") == [
        ("1", "Nemotron Nano 9B v2", "prunedFrom"),
        ("2", "Nemotron 3 Nano", "successorOf"),
    ]


def test_techniques_of_model(store, queries):
    r = run(store, queries, "techniques-of-model", model="Nemotron 3 Super")
    assert r.vars == ["technique", "label", "kind", "via", "support"]
    assert rows(r, "label", "kind", "via", "support") == [
        ("LatentMoE", "direct", "", "2"),
        ("Multi-Token Prediction", "direct", "", "1"),
        ("NVFP4", "direct", "", "2"),
        ("FP4 low-precision format", "inferred", "NVFP4", "0"),
        ("Low-Precision Numerics", "inferred", "NVFP4", "0"),
        ("Mixture of Experts", "inferred", "LatentMoE", "0"),
        ("Speculative Decoding", "inferred", "Multi-Token Prediction", "0"),
    ]
    nano = run(store, queries, "techniques-of-model", model="Nemotron 3 Nano 30B-A3B")
    assert ("Mixture of Experts", "direct") in rows(nano, "label", "kind")
    assert "LatentMoE" not in nano.column("label")


def test_paper_introduces(store, queries):
    r = run(store, queries, "paper-introduces", paper="Puzzle")
    assert r.vars == ["paper", "title", "entity", "label", "type"]
    title = "Puzzle: Distillation-Based NAS for Inference-Optimized LLMs"
    assert rows(r, "paper", "title", "label", "type") == [
        (RES + "paper/2411.19146", title, "Llama-3.1-Nemotron-51B-Instruct", "Model"),
        (RES + "paper/2411.19146", title, "Puzzle", "Technique"),
    ]
    for ident in ("2411.19146", "arXiv:2411.19146", "ARXIV: 2411.19146", RES + "paper/2411.19146"):
        assert run(store, queries, "paper-introduces", paper=ident).rows == r.rows, ident
    n3 = run(store, queries, "paper-introduces", paper="nemotron 3:")
    assert rows(n3, "label", "type") == [
        ("Nemotron 3 Nano", "Model"),
        ("Nemotron 3 Super", "Model"),
        ("Nemotron 3 Ultra", "Model"),
        ("LatentMoE", "Technique"),
    ]
    assert not run(store, queries, "paper-introduces", paper="")


def test_technique_origin(store, queries):
    r = run(store, queries, "technique-origin", technique="Puzzle")
    assert r.vars == ["technique", "paper", "title", "model", "label", "how", "derivedFrom"]
    assert set(r.column("paper")) == {RES + "paper/2411.19146"}
    # GROUP_CONCAT's order is the engine's evaluation order (SPARQL leaves it open): compare sets
    how = [(label, set(h.split(", ")), parents) for label, h, parents in
           rows(r, "label", "how", "derivedFrom")]
    assert how == [
        ("Llama-3.1-Nemotron-51B-Instruct", {"uses", "introduced with it"},
         "nasDerivedFrom Llama-3.1-70B-Instruct"),
        ("Llama-3.1-Nemotron-Ultra-253B", {"uses"}, "nasDerivedFrom Llama-3.1-405B-Instruct"),
    ]
    # a paper read without a title shows its label instead
    mtp = run(store, queries, "technique-origin", technique="MTP")
    untitled = "We describe Multi-Token Prediction for faster decoding ..."
    assert rows(mtp, "title", "label", "how") == [
        (untitled, "Nemotron 3 Super", "uses"),
        (untitled, "Nemotron 3 Ultra", "uses"),
    ]
    # no introducing paper known: models only
    moe = run(store, queries, "technique-origin", technique="MoE")
    assert moe.column("paper") == [None, None, None]
    assert moe.column("label") == ["Nemotron 3 Nano", "Nemotron 3 Super", "Nemotron 3 Ultra"]


def test_models_by_parameters(store, queries):
    r = run(store, queries, "models-by-parameters", min="50B", max="200B")
    assert r.vars == ["model", "label", "totalParameters", "activeParameters"]
    assert rows(r, "label", "totalParameters", "activeParameters") == [
        ("Nemotron 3 Super", "120000000000", "12000000000"),
        ("Llama-3.1-70B-Instruct", "70000000000", None),
        ("Llama-3.1-Nemotron-51B-Instruct", "51000000000", None),
    ]
    everything = run(store, queries, "models-by-parameters")  # min=0, no max
    assert everything.column("label") == [
        "Nemotron 3 Ultra",
        "Nemotron 3 Super",
        "Llama-3.1-70B-Instruct",
        "Llama-3.1-Nemotron-51B-Instruct",
        "Nemotron 3 Nano",
    ]
    plain = run(store, queries, "models-by-parameters", min="120000000000")
    assert plain.column("label") == ["Nemotron 3 Ultra", "Nemotron 3 Super"]
    assert run(store, queries, "models-by-parameters", max="0.04T").column("label") == [
        "Nemotron 3 Nano"
    ]
    assert not run(store, queries, "models-by-parameters", min="lots")


def test_evidence(store, queries):
    r = run(
        store, queries, "evidence", subject="Nemotron 3 Super", predicate="usesTechnique",
        object="LatentMoE",
    )  # fmt: skip
    assert r.vars == [
        "object", "paper", "title", "sentence", "charStart", "charEnd", "rule", "confidence",
        "support",
    ]  # fmt: skip
    assert rows(r, "paper", "charStart", "charEnd", "rule", "confidence", "support") == [
        (RES + "paper/2604.12345", "0", "116", "usage-verb", "0.9", "2"),
        (RES + "paper/5c0ffee0a1b2", "67", "254", "usage-verb", "0.9", "2"),
    ]
    assert r.records()[0]["sentence"] == (
        "Nemotron 3 Super is the first model in the Nemotron 3 family to leverage LatentMoE, "
        "a new Mixture-of-Experts design."
    )
    assert r.records()[0]["title"] == "Nemotron 3 Super: An Open Hybrid Mixture-of-Experts Model"


def test_evidence_forms(store, queries):
    lineage = run(
        store, queries, "evidence", subject="Minitron 8B", predicate="mlkg:distilledFrom",
        object="res:model/nemotron-4-15b",
    )  # fmt: skip
    assert rows(lineage, "rule", "support") == [("distill-from", "1")]
    figure = run(
        store, queries, "evidence", subject="Nemotron 3 Nano", predicate="total parameters"
    )
    assert rows(figure, "object", "charStart", "charEnd") == [("31600000000", "286", "423")]
    same = run(
        store, queries, "evidence", subject="Nemotron 3 Nano", predicate="totalParameters",
        object="31600000000",
    )  # fmt: skip
    assert same.rows == figure.rows
    any_object = run(store, queries, "evidence", subject="Nemotron 3 Ultra", predicate="usesTechnique")
    assert set(any_object.column("object")) == {
        RES + "technique/latentmoe",
        RES + "technique/mtp",
        RES + "technique/nvfp4",
    }


def test_models(store, queries):
    r = run(store, queries, "models")
    assert r.vars == ["model", "label", "variants", "totalParameters", "activeParameters"]
    assert len(r) == 12
    by_label = {rec["label"]: rec for rec in r.records()}
    assert by_label["Nemotron Nano 9B v2"]["variants"] == "Nemotron Nano 2; Nemotron-Nano-9B-v2"
    assert by_label["Nemotron 3 Super"]["totalParameters"] == "120000000000"
    assert by_label["Nemotron 3 Super"]["activeParameters"] == "12000000000"
    assert by_label["Minitron 4B"]["totalParameters"] is None
    assert r.column("label") == sorted(r.column("label"))


def test_fixture_offsets_index_the_abstracts(store):
    r = store.query(
        """PREFIX mlkg: <https://w3id.org/mlkg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?abstract ?sentence ?start ?end WHERE {
          ?e a mlkg:Evidence ; prov:wasDerivedFrom ?p ; mlkg:sentence ?sentence ;
             mlkg:charStart ?start ; mlkg:charEnd ?end .
          ?p dcterms:abstract ?abstract }"""
    )
    assert len(r) == 24
    for abstract, sentence, start, end in r.rows:
        assert abstract[int(start) : int(end)] == sentence


def test_inferred_triples_change_nothing(tmp_path, queries, store):
    """open_graph also loads inferred.ttl; the reasoner's super-properties are hidden."""
    shutil.copy(FIXTURE, tmp_path / "graph.ttl")
    (tmp_path / "inferred.ttl").write_text(
        "@prefix mlkg: <https://w3id.org/mlkg/ontology#> .\n"
        "@prefix m: <https://w3id.org/mlkg/resource/model/> .\n"
        "@prefix t: <https://w3id.org/mlkg/resource/technique/> .\n"
        "m:minitron-4b mlkg:derivedFrom m:minitron-8b ; mlkg:hasAncestor m:nemotron-4-15b .\n"
        "m:minitron-8b mlkg:derivedFrom m:nemotron-4-15b .\n"
        "m:nemotron-3-super mlkg:usesTechnique t:mixture-of-experts .\n"
    )
    inferred = open_graph(tmp_path)
    assert len(inferred) == len(store) + 4
    for name, params in [
        ("ancestors", {"model": "Minitron 4B"}),
        ("descendants", {"model": "Nemotron-4 15B"}),
        ("techniques-of-model", {"model": "Nemotron 3 Super"}),
    ]:
        sparql = queries[name].bind(params)
        assert inferred.query(sparql).rows == store.query(sparql).rows, name


# ---------------------------------------------------------------- binding


def test_bind_reports_missing_and_unknown(queries):
    q = queries["evidence"]
    with pytest.raises(QueryParamError, match="missing parameter.*subject, predicate"):
        q.bind({})
    with pytest.raises(QueryParamError, match="unknown parameter.*colour.*expected: subject"):
        q.bind({"subject": "a", "predicate": "b", "colour": "red"})
    with pytest.raises(ValueError):
        queries["models"].bind({"x": "1"})


def test_bind_substitutes_string_literals(queries):
    q = queries["models-by-parameters"]
    text = q.bind({"max": "1B"})
    assert '"1B"' in text and '"0"' in text and "?_" not in text


def test_hostile_value_stays_a_literal(store, queries):
    before = len(store)
    for name in ("models-using-technique", "ancestors", "evidence", "paper-introduces"):
        q = queries[name]
        values = {p.name: HOSTILE for p in q.params}
        sparql = q.bind(values)
        # as a literal, as its name key (a literal too) and never as an IRI: it is not one
        assert sparql_literal(HOSTILE) in sparql or sparql_literal(name_key(HOSTILE)) in sparql
        assert name_iri(HOSTILE) == NO_IRI
        assert store.query(sparql).rows == [], name
    assert len(store) == before


def test_sparql_literal_escapes():
    assert sparql_literal(HOSTILE) == '"x\\" } ; DROP ALL ; #"'
    assert sparql_literal('a\\b\n"') == '"a\\\\b\\n\\""'
    s = OxigraphStore()
    for value in (HOSTILE, "back\\slash", "\\u0022 } #", "line\nbreak\r\t", "é ☃"):
        r = s.query(f"SELECT ?v WHERE {{ BIND({sparql_literal(value)} AS ?v) }}")
        assert r.rows == [(value,)], value


# ---------------------------------------------------------------- header errors

GOOD = """#+ summary: Things
#+ params:
#+   - name: a name
#+   - limit: how many (optional)
#+ defaults: limit=10
#+ example: name=a, b=c, limit=3
# plain comment
SELECT ?x WHERE { ?x ?p ?_name FILTER(STR(?x) != $_limit) }
"""


def test_parse_header():
    q = parse_query(GOOD, "t")
    assert q.params == (Param("name", "a name"), Param("limit", "how many", True, "10"))
    assert q.example == {"name": "a, b=c", "limit": "3"}  # commas stay unless `name=` follows


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("SELECT * {}", 1, "missing `#\\+ summary:`"),
        ("#+ summary: s\nSELECT * {}", 1, "missing `#\\+ params:`"),
        ("#+ summary: s\n#+ params: []\n#+ colour: red\nSELECT * {}", 3, "expected"),
        ("#+ summary: s\n#+   - a: x\n#+ params:\nSELECT * {}", 2, "outside `params:`"),
        ("#+ summary: s\n#+ params:\n#+   - a: x\nSELECT * {}", 3, "'a' is not used"),
        ("#+ summary: s\n#+ params: []\nSELECT * { ?s ?p\n ?_b }", 4, "\\?_b is not a declared"),
        ("#+ summary: s\n#+ params:\n#+   - a: x\n#+ example: b=1\nSELECT ?_a {}", 4, "'b=1'"),
        ("#+ summary: s\n#+ params:\n#+   - a: x\n#+ defaults: a\nSELECT ?_a {}", 4, "'a'"),
        ("#+ summary: s\n#+ params:\n#+   - a: x\n#+ example:\nSELECT ?_a {}", 4, "lacks"),
        ("#+ summary: s\n#+ summary: t\n#+ params: []\nSELECT * {}", 2, "duplicate"),
        ("#+ summary: s\n#+ params:\n#+   - a: x\n#+   - a: y\nSELECT ?_a {}", 4, "twice"),
        ("#+ summary: s\n#+ params: []\nSELECT * {}\n#+ example: a=1", 4, "after the start"),
    ],
)
def test_header_errors_name_file_and_line(text, line, message):
    with pytest.raises(QueryHeaderError, match=f"^bad.rq:{line}: .*{message}"):
        parse_query(text, "bad", "bad.rq")


def test_load_queries_reports_the_file(tmp_path):
    (tmp_path / "good.rq").write_text(GOOD)
    assert list(load_queries(tmp_path)) == ["good"]
    (tmp_path / "broken.rq").write_text("#+ summary: s\nSELECT * {}")
    with pytest.raises(QueryHeaderError, match=r"broken\.rq:1: "):
        load_queries(tmp_path)


# ---------------------------------------------------------------- store and results


def test_store_protocol_and_errors(tmp_path):
    s = OxigraphStore()
    assert isinstance(s, Store) and len(s) == 0
    with pytest.raises(SparqlError):
        s.query("SELECT WHERE {")
    (tmp_path / "g.nq").write_text("")
    (tmp_path / "g.xyz").write_text("")
    with pytest.raises(ValueError, match="named graphs"):
        s.load([tmp_path / "g.nq"])
    with pytest.raises(ValueError, match="unknown RDF format"):
        s.load([tmp_path / "g.xyz"])
    with pytest.raises(FileNotFoundError, match="graph.ttl"):
        open_graph(tmp_path)


def test_on_disk_store_survives_reopening(tmp_path, queries):
    db = tmp_path / "db"
    first = OxigraphStore(db)
    first.load(FIXTURE)  # a single path is accepted too
    first.load(ontology_files())
    count = len(first)
    first.flush()
    del first  # releases the RocksDB lock
    again = OxigraphStore(db)
    assert len(again) == count > 0
    r = again.query(queries["models-using-technique"].bind({"technique": "LatentMoE"}))
    assert r.column("label") == ["Nemotron 3 Super", "Nemotron 3 Ultra"]


def test_ask_and_construct(store):
    assert store.query("ASK { ?s a <https://w3id.org/mlkg/ontology#Model> }").boolean is True
    g = store.query(
        "CONSTRUCT { ?m <urn:p> ?t } WHERE { ?m <https://w3id.org/mlkg/ontology#usesTechnique> "
        "<https://w3id.org/mlkg/resource/technique/latentmoe> . BIND(<urn:t> AS ?t) }"
    )
    assert g.kind == "graph" and len(g.triples) == 2
    assert b"<urn:p> <urn:t> .\n" in g.serialized
    assert to_table(store.query("ASK { ?s ?p -42 }")) == "false"  # no fact (nor label rank) is -42
    assert json.loads(to_json(Result("ask", boolean=True))) == {"head": {}, "boolean": True}


def test_terms_compare_as_plain_strings(store, queries):
    r = run(store, queries, "models-by-parameters", min="100B")
    label, total = r.records()[0]["label"], r.records()[0]["totalParameters"]
    assert isinstance(total, Term) and total.kind == "literal"
    assert total == "500000000000" and total.datatype.endswith("#integer")
    assert label == "Nemotron 3 Ultra" and r.records()[0]["model"].kind == "uri"


def test_formatters(store, queries):
    r = run(store, queries, "models-by-parameters", min="100B")
    table = to_table(r).splitlines()
    assert table[0].split() == ["model", "label", "totalParameters", "activeParameters"]
    assert table[2].startswith("res:model/nemotron-3-ultra  Nemotron 3 Ultra")
    assert table[2].endswith("500000000000       50000000000")  # numbers right-aligned
    assert table[-1] == "(2 rows)"
    doc = json.loads(to_json(r))
    assert doc["head"]["vars"] == r.vars
    first = doc["results"]["bindings"][0]
    assert first["model"] == {"type": "uri", "value": RES + "model/nemotron-3-ultra"}
    assert first["label"] == {"type": "literal", "value": "Nemotron 3 Ultra"}
    assert first["totalParameters"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    csv_text = to_csv(r)
    assert csv_text.startswith("model,label,totalParameters,activeParameters\r\n")
    assert f"{RES}model/nemotron-3-ultra,Nemotron 3 Ultra,500000000000,50000000000\r\n" in csv_text
    unbound = to_json(Result("select", ["a", "b"], [(Term("x", "bnode"), None)]))
    assert json.loads(unbound)["results"]["bindings"] == [{"a": {"type": "bnode", "value": "x"}}]
