"""The name index: stores key every label on load, named queries look names up by key."""

from pathlib import Path

import pytest

from kg.queries import NO_IRI, load_queries, name_iri, name_key, parse_query
from kg.resources import ontology_files
from kg.store import INDEX_GRAPH, OxigraphStore, build_dataset

FIXTURE = Path(__file__).parent / "data" / "fixture.ttl"
RES = "https://w3id.org/mlkg/resource/"
NAMES = ["Nemotron-Nano 9B_v2", "Mixture\u00a0of  Experts", "ÉCLAIR-Ω 3B", "Qwen2.5-Coder-32B-Instruct",
         "multi_token-prediction", "İstanbul-LM", "tab\tand\nnewline"]


def _escaped(text: str) -> str:
    return "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\u{ord(c):04X}" for c in text)


KEY, RANK = "<https://w3id.org/mlkg/ontology#nameKey>", "<https://w3id.org/mlkg/ontology#labelRank>"


def _keys(store: OxigraphStore) -> dict[str, set[str]]:
    rows = store.query(f"SELECT ?e ?k WHERE {{ ?e {KEY} ?k }}").rows
    out: dict[str, set[str]] = {}
    for e, k in rows:
        out.setdefault(str(e), set()).add(str(k))
    return out


def _ranks(store: OxigraphStore, graph: str | None = None) -> dict[str, int]:
    pattern = f"?e {RANK} ?n" if graph is None else f"GRAPH <{graph}> {{ ?e {RANK} ?n }}"
    rows = store.query(f"SELECT ?e ?n WHERE {{ {pattern} }}").rows
    assert len(rows) == len({str(e) for e, _ in rows}), "one rank per thing"
    return {str(e): int(str(n)) for e, n in rows}


def _labels_ttl(path: Path, labels: dict[str, list[str]]) -> Path:
    path.write_text("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n" + "".join(
        f'<urn:x:{e}> rdfs:label "{_escaped(n)}" .\n' for e, names in labels.items() for n in names),
        encoding="utf-8")
    return path


def test_label_ranks_sort_as_the_least_label_does(tmp_path):
    # code-point order (SPARQL's and Python's), equal labels rank equal, a thing with two
    # labels ranks by its least; a later load re-ranks everything, without duplicates
    first = {"a": ["Zeta"], "b": ["alpha", "Beta"], "c": ["ÉCLAIR"], "d": ["Zeta"], "e": ["Zeta 2"]}
    store = OxigraphStore()
    store.load([_labels_ttl(tmp_path / "one.ttl", first)])
    assert _ranks(store) == {"urn:x:b": 0, "urn:x:a": 1, "urn:x:d": 1, "urn:x:e": 2, "urn:x:c": 3}
    store.load([_labels_ttl(tmp_path / "two.ttl", {"f": ["Alpha"], "g": ["Zeta 10"]})])
    ranks = _ranks(store)
    by_rank = sorted(ranks, key=ranks.__getitem__)
    assert by_rank[:2] == ["urn:x:f", "urn:x:b"] and ranks["urn:x:g"] == ranks["urn:x:a"] + 1
    assert ranks["urn:x:a"] == ranks["urn:x:d"]


def test_named_queries_sort_by_rank_as_by_label(tmp_path):
    store = OxigraphStore()
    store.load([FIXTURE, *ontology_files()])
    rows = store.query(load_queries()["models"].bind()).rows
    labels = [str(r[1]) for r in rows]
    assert len(labels) > 3 and labels == sorted(labels)
    q = load_queries()["models-using-technique"]
    rows = store.query(q.bind({"technique": "Mixture of Experts"})).rows
    pairs = [(str(r[1]), str(r[3])) for r in rows]
    assert len(pairs) > 2 and pairs == sorted(pairs)


def test_the_store_keys_names_as_python_does(tmp_path):
    ttl = tmp_path / "names.ttl"
    ttl.write_text("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n" + "".join(
        f'<urn:x:{i}> rdfs:label "{_escaped(n)}" .\n' for i, n in enumerate(NAMES)), encoding="utf-8")
    store = OxigraphStore()
    store.load([ttl])
    assert _keys(store) == {f"urn:x:{i}": {name_key(n)} for i, n in enumerate(NAMES)}
    assert name_key("Nemotron-Nano 9B_v2") == "nemotronnano9bv2"


def test_every_load_path_indexes_labels_and_alt_labels(tmp_path):
    store = OxigraphStore()
    store.load([FIXTURE, *ontology_files()])
    keys = _keys(store)
    assert "latentmoe" in keys[RES + "technique/latentmoe"]
    assert {"multitokenprediction", "mtp"} <= keys[RES + "technique/mtp"]  # label and altLabel
    before = len(store)
    store.load([])  # indexing again adds nothing
    assert len(store) == before

    size = build_dataset(tmp_path / "db", [("urn:g:a", [FIXTURE])])
    served = OxigraphStore(tmp_path / "db", read_only=True)
    assert INDEX_GRAPH in served.named_graphs()  # what `kg push` sends on
    indexed = served.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?s {KEY} ?o }} }}")
    assert int(indexed.rows[0][0]) == sum(map(len, _keys(served).values())) > 0
    assert _ranks(served, INDEX_GRAPH) == _ranks(served) != {}
    assert size == int(served.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])


@pytest.mark.parametrize("spelling", ["LatentMoE", "latent_moe", "LATENT-MOE", "Latent MoE",
                                      "res:technique/latentmoe", RES + "technique/latentmoe"])
def test_a_named_query_finds_every_spelling(spelling):
    store = OxigraphStore()
    store.load([FIXTURE, *ontology_files()])
    q = load_queries()["models-using-technique"]
    labels = sorted(str(r[1]) for r in store.query(q.bind({"technique": spelling})).rows)
    assert labels == ["Nemotron 3 Super", "Nemotron 3 Ultra"]


@pytest.mark.parametrize("value", ["no such thing", "res:", "<urn:x>", "http://", "", " "])
def test_a_value_that_names_nothing_finds_nothing(value):
    store = OxigraphStore()
    store.load([FIXTURE, *ontology_files()])
    for name in ("ancestors", "techniques-of-model", "models-using-technique"):
        q = load_queries()[name]
        values = {p.name: value for p in q.params if not p.optional}
        assert store.query(q.bind(values)).rows == [], (name, value)


def test_key_variables_bind_to_the_key_of_their_parameter():
    q = parse_query("#+ summary: s\n#+ params:\n#+   - model: m\nSELECT * { ?m ?p ?_model_key }", "t")
    assert q.bind({"model": 'Nemotron-H "8B"'}).endswith('SELECT * { ?m ?p "nemotronh\\"8b\\"" }')


@pytest.mark.parametrize(("value", "term"), [
    ("res:model/minitron-8b", f"<{RES}model/minitron-8b>"), ("urn:x:1", "<urn:x:1>"),
    ("Minitron 8B", NO_IRI), ("res:a b", NO_IRI), ("x:a>b", NO_IRI), ('x:"', NO_IRI), ("x:{}", NO_IRI)])
def test_iri_variables_are_iris_or_name_nothing(value, term):
    assert name_iri(value) == term
