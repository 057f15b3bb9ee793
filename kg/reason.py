"""OWL 2 DL reasoning with HermiT (through owlready2): consistency and inferred facts.

The only module that imports owlready2. Results come back as data (a ReasonerReport),
never as exceptions, so a caller can print them beside other validation results.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import owlready2
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from kg.resources import ontology_files as default_ontology_files
from kg.vocab import MLKG

_INFERENCES = "http://inferrences/"  # owlready2 writes what HermiT infers into this ontology
_SCHEMA_NS = (str(RDF), str(RDFS), str(OWL))


@dataclass
class ReasonerReport:
    consistent: bool
    inferred: Graph = field(default_factory=Graph)  # new individual facts, none already asserted
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0  # wall time of the whole call (conversion + HermiT)


def _reasonable(data: Graph) -> Graph:
    """The instance data without evidence nodes and abstracts.

    Evidence nodes (rdf:Statement / mlkg:Evidence) are provenance metadata, and their
    rdf:predicate uses a property IRI as an individual, which is outside OWL 2 DL (the
    OWL API tolerates it by punning, but nothing promises that); dcterms:abstract is long
    text. Neither says anything about models, so dropping them changes no inference.
    """
    evidence = {s for c in (RDF.Statement, MLKG.Evidence) for s in data.subjects(RDF.type, c)}
    evidence |= set(data.subjects(RDF.predicate, None))
    out = Graph()
    for s, p, o in data:
        if s not in evidence and p != DCTERMS.abstract:
            out.add((s, p, o))
    # Blank nodes (e.g. dcterms:creator nodes) become IRIs so inferences about them map back.
    return out.skolemize()


def _fits(value: Literal, datatype) -> bool:
    """Whether a literal is in a datatype's value space, for the ranges mlkg uses."""
    py = value.toPython()
    if datatype == XSD.integer:
        return isinstance(py, int) and not isinstance(py, bool)
    if datatype == XSD.decimal:
        return isinstance(py, int | Decimal) and not isinstance(py, bool)
    return (value.datatype or (None if value.language else XSD.string)) == datatype


def _suspects(g: Graph) -> list[str]:
    """Likely causes of an inconsistency, found with RDFS-level rules.

    HermiT's command line only says "inconsistent". These checks name the usual culprits:
    an entity whose types, domains and ranges fall in two disjoint classes, and a figure
    outside its property's datatype range. They cannot see every cause.
    """
    pairs: list[tuple[URIRef, URIRef]] = list(g.subject_objects(OWL.disjointWith))
    for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(g, g.value(node, OWL.members)))
        pairs += [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
    cache: dict = {}

    def up(term, prop) -> set:
        if (term, prop) not in cache:
            cache[term, prop] = set(g.transitive_objects(term, prop))
        return cache[term, prop]

    found, types = [], {}
    for s, p, o in g:
        if p == RDF.type:
            types.setdefault(s, set()).add(o)
            continue
        for q in up(p, RDFS.subPropertyOf):
            types.setdefault(s, set()).update(g.objects(q, RDFS.domain))
            for rng in g.objects(q, RDFS.range):
                if not isinstance(o, Literal):
                    types.setdefault(o, set()).add(rng)
                elif str(rng).startswith(str(XSD)) and not _fits(o, rng):
                    found.append(f"{s} {p} {o.n3()}: not a value of the range {rng}")
    for node, asserted in types.items():
        closed = set().union(*(up(c, RDFS.subClassOf) for c in asserted))
        found += [
            f"{node} is both {a} and {b}, which are disjoint"
            for a, b in pairs
            if a in closed and b in closed
        ]
    return sorted(set(found))


def _hierarchy(schema: Graph) -> tuple[dict, dict]:
    """Super-properties (reflexive) and inverses of every object property in `schema`."""
    sub = Graph()
    for p, q in schema.subject_objects(RDFS.subPropertyOf):
        sub.add((p, RDFS.subPropertyOf, q))
    for p, q in schema.subject_objects(OWL.equivalentProperty):
        sub.add((p, RDFS.subPropertyOf, q))
        sub.add((q, RDFS.subPropertyOf, p))
    inverse: dict = {}
    for p, q in schema.subject_objects(OWL.inverseOf):
        inverse.setdefault(p, set()).add(q)
        inverse.setdefault(q, set()).add(p)
    for p in schema.subjects(RDF.type, OWL.SymmetricProperty):
        inverse.setdefault(p, set()).add(p)
    props = set(schema.subjects(RDF.type, OWL.ObjectProperty))
    return {p: set(sub.transitive_objects(p, RDFS.subPropertyOf)) for p in props}, inverse


def _inferred(world: owlready2.World, merged: Graph, entities: set) -> Graph:
    """New class memberships and object property values about the data's entities.

    HermiT's command line prints, per property, only the pairs not implied by a
    sub-property or an inverse (prunedFrom pairs are not repeated under derivedFrom), and
    owlready2 skips pairs whose inverse is asserted; so the pairs are closed here under
    the property hierarchy HermiT computed. Types stay the most specific ones (realisation).
    """
    found, schema = set(), Graph()
    iri = world._unabbreviate  # storid -> IRI; owlready2 has no public mapping
    for s, p, o in world.get_ontology(_INFERENCES).get_triples():
        if not (isinstance(s, int) and isinstance(o, int) and s > 0 and o > 0):
            continue  # literals and anonymous OWL constructs
        triple = (URIRef(iri(s)), URIRef(iri(p)), URIRef(iri(o)))
        if triple[1] == RDF.type or not str(triple[1]).startswith(_SCHEMA_NS):
            found.add(triple)
        else:  # class and property reparenting
            schema.add(triple)
    supers, inverse = _hierarchy(schema + merged)
    todo = [t for t in merged if t[1] in supers] + [t for t in found if t[1] in supers]
    while todo:
        s, p, o = todo.pop()
        for q in supers.get(p, {p}):
            for t in [(s, q, o), *((o, r, s) for r in inverse.get(q, ()))]:
                if t not in found:
                    found.add(t)
                    todo.append(t)
    out = Graph()
    for s, p, o in found:
        if (s in entities or o in entities) and not str(o).startswith(str(OWL)):
            if (s, p, o) not in merged:
                out.add((s, p, o))
    return out.de_skolemize()


def check_consistency(data: Graph, ontology_files: list[Path] | None = None) -> ReasonerReport:
    """Run HermiT on the ontology plus `data`; report consistency and new inferences."""
    t0 = time.perf_counter()
    merged = _reasonable(data)
    entities = set(merged.subjects())
    for path in default_ontology_files() if ontology_files is None else ontology_files:
        merged.parse(path)
    report = ReasonerReport(consistent=True)
    world = owlready2.World()  # isolated quadstore: nothing leaks between calls
    saved_tempdir = tempfile.tempdir
    try:
        with tempfile.TemporaryDirectory(prefix="mlkg-reason-") as tmp:
            # owlready2 writes HermiT's input with NamedTemporaryFile and leaves it behind
            # when HermiT fails; pointing tempfile at our dir gets it cleaned up as well.
            tempfile.tempdir = tmp
            nt = Path(tmp) / "input.nt"
            merged.serialize(nt, format="nt", encoding="utf-8")
            # owlready2 prints progress on stdout/stderr; Java's output is captured by it.
            sink = io.StringIO()
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                world.get_ontology(nt.as_uri()).load(format="ntriples")
                owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
            report.inferred = _inferred(world, merged, entities)
    except owlready2.OwlReadyInconsistentOntologyError as e:
        report.consistent = False
        clashes = _suspects(merged)
        report.problems = [f"HermiT: the ontology plus data is inconsistent {e}".rstrip()]
        report.problems += clashes or ["no likely cause found by the RDFS-level checks"]
    except owlready2.OwlReadyJavaError as e:  # e.g. input outside OWL 2 DL
        report.consistent = False
        report.problems = [f"HermiT failed, consistency unknown: {' '.join(str(e).split())}"]
    finally:
        tempfile.tempdir = saved_tempdir
        world.close()
    report.seconds = time.perf_counter() - t0
    return report
