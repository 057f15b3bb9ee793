"""Rule-based materialisation of what HermiT infers for mlkg's ontology, at scale.

HermiT (kg/reason.py) is complete for OWL 2 DL but costs a JVM, a full tableau and the
round trip through owlready2: 37 s at 169k triples. The ontology only uses axioms that
simple forward rules decide: sub-properties (and equivalent properties), inverses,
symmetric and transitive properties, two-step property chains, domains, ranges,
sub-classes, disjoint classes, irreflexive properties and datatype ranges. This module
applies those rules to a fixpoint in plain Python over the triples and returns the same
`inferred` graph HermiT gives (tests/test_closure.py compares the two on the seeds and
on synthetic corpora), plus the violations that make the graph inconsistent.

A new kind of axiom in the ontology (an existential, a cardinality, a union) is not
covered by these rules: `Schema.unsupported` names it, and `kg.reason` then falls back
to HermiT rather than silently giving a smaller closure.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from kg.resources import ontology_files as default_ontology_files
from kg.vocab import MLKG

Triple = tuple  # (subject, predicate, object) rdflib terms

# OWL constructs the rules here do not implement; a schema that uses one needs HermiT.
_UNSUPPORTED = (OWL.someValuesFrom, OWL.allValuesFrom, OWL.hasValue, OWL.unionOf,
                OWL.intersectionOf, OWL.complementOf, OWL.oneOf, OWL.cardinality,
                OWL.minCardinality, OWL.maxCardinality, OWL.qualifiedCardinality,
                OWL.minQualifiedCardinality, OWL.maxQualifiedCardinality, OWL.hasSelf,
                OWL.sameAs, OWL.differentFrom, OWL.hasKey, OWL.propertyDisjointWith,
                OWL.AsymmetricProperty, OWL.FunctionalProperty,
                OWL.InverseFunctionalProperty, OWL.ReflexiveProperty, OWL.disjointUnionOf,
                OWL.NegativePropertyAssertion)


@dataclass(frozen=True)
class Schema:
    """The TBox as lookup tables for the rules."""

    supers: dict  # object property -> itself and every super-property
    inverse: dict  # object property -> its inverses (itself when symmetric)
    transitive: frozenset
    chains: tuple  # (first, second, implied): first o second implies implied
    domains: dict  # property (object or datatype) -> its domain classes
    ranges: dict  # object property -> its range classes
    datatype_ranges: dict  # datatype property -> its xsd ranges
    class_supers: dict  # class -> itself and every superclass
    disjoint: tuple  # pairs of disjoint classes
    irreflexive: frozenset
    unsupported: tuple = ()  # axioms these rules cannot decide (then use HermiT)


def _closure(edges: dict, start) -> set:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def read_schema(tbox: Graph) -> Schema:
    """The lookup tables of the ontology graph `tbox`."""
    sub_prop: dict = defaultdict(set)
    for p, q in tbox.subject_objects(RDFS.subPropertyOf):
        sub_prop[p].add(q)
    for p, q in tbox.subject_objects(OWL.equivalentProperty):
        sub_prop[p].add(q)
        sub_prop[q].add(p)
    object_props = set(tbox.subjects(RDF.type, OWL.ObjectProperty))
    object_props |= {p for c in (OWL.TransitiveProperty, OWL.SymmetricProperty,
                                 OWL.IrreflexiveProperty) for p in tbox.subjects(RDF.type, c)}
    inverse: dict = defaultdict(set)
    for p, q in tbox.subject_objects(OWL.inverseOf):
        inverse[p].add(q)
        inverse[q].add(p)
    for p in tbox.subjects(RDF.type, OWL.SymmetricProperty):
        inverse[p].add(p)
    object_props |= set(inverse) | set(sub_prop)
    chains, unsupported = [], []
    for implied, head in tbox.subject_objects(OWL.propertyChainAxiom):
        steps = list(Collection(tbox, head))
        if len(steps) == 2:
            chains.append((steps[0], steps[1], implied))
        else:
            unsupported.append(f"property chain of {len(steps)} steps for {implied}")
    sub_class: dict = defaultdict(set)
    for c, d in tbox.subject_objects(RDFS.subClassOf):
        if isinstance(d, URIRef):
            sub_class[c].add(d)
        else:
            unsupported.append(f"subclass of a class expression: {c}")
    for c, d in tbox.subject_objects(OWL.equivalentClass):
        sub_class[c].add(d)
        sub_class[d].add(c)
    classes = set(tbox.subjects(RDF.type, OWL.Class)) | set(sub_class)
    classes |= {c for cs in sub_class.values() for c in cs}
    classes |= set(tbox.objects(None, RDFS.domain)) | set(tbox.objects(None, RDFS.range))
    disjoint = list(tbox.subject_objects(OWL.disjointWith))
    for node in tbox.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(tbox, tbox.value(node, OWL.members)))
        disjoint += [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
    for term in _UNSUPPORTED:
        if any(True for _ in tbox.triples((None, term, None))) or \
                any(True for _ in tbox.triples((None, RDF.type, term))):
            unsupported.append(f"{term} is used")
    datatype_props = set(tbox.subjects(RDF.type, OWL.DatatypeProperty))
    domains: dict = defaultdict(set)
    ranges: dict = defaultdict(set)
    datatype_ranges: dict = defaultdict(set)
    for p, c in tbox.subject_objects(RDFS.domain):
        domains[p].add(c)
    for p, c in tbox.subject_objects(RDFS.range):
        if p in datatype_props or str(c).startswith(str(XSD)) or c == RDFS.Literal:
            datatype_ranges[p].add(c)
        else:
            ranges[p].add(c)
    # a datatype property's domain also holds through its sub-properties
    for p in datatype_props | object_props:
        for q in _closure(sub_prop, p) - {p}:
            domains[p] |= domains.get(q, set())
            if p in datatype_props:
                datatype_ranges[p] |= datatype_ranges.get(q, set())
    return Schema(
        supers={p: frozenset(_closure(sub_prop, p)) for p in object_props},
        inverse={p: frozenset(q) for p, q in inverse.items()},
        transitive=frozenset(tbox.subjects(RDF.type, OWL.TransitiveProperty)),
        chains=tuple(chains),
        domains={p: frozenset(c) for p, c in domains.items()},
        ranges={p: frozenset(c) for p, c in ranges.items()},
        datatype_ranges={p: frozenset(c) for p, c in datatype_ranges.items()},
        class_supers={c: frozenset(_closure(sub_class, c)) for c in classes},
        disjoint=tuple(disjoint),
        irreflexive=frozenset(tbox.subjects(RDF.type, OWL.IrreflexiveProperty)),
        unsupported=tuple(sorted(set(unsupported))),
    )


def load_tbox(ontology_files: list[Path] | None = None) -> Graph:
    g = Graph()
    for path in default_ontology_files() if ontology_files is None else ontology_files:
        g.parse(path)
    return g


def reasonable(data: Graph) -> Iterator[Triple]:
    """The data's triples less evidence nodes and abstracts: what the reasoner sees.

    Evidence nodes (rdf:Statement / mlkg:Evidence) are provenance metadata whose
    rdf:predicate uses a property IRI as an individual (outside OWL 2 DL);
    dcterms:abstract is long text. Neither says anything about models.
    """
    evidence = {s for c in (RDF.Statement, MLKG.Evidence) for s in data.subjects(RDF.type, c)}
    evidence |= set(data.subjects(RDF.predicate, None))
    for s, p, o in data:
        if s not in evidence and p != DCTERMS.abstract:
            yield s, p, o


def fits(value: Literal, datatype) -> bool:
    """Whether a literal is in a datatype's value space, for the ranges mlkg uses."""
    py = value.toPython()
    if datatype == XSD.integer:
        return isinstance(py, int) and not isinstance(py, bool)
    if datatype == XSD.decimal:
        return isinstance(py, int | Decimal) and not isinstance(py, bool)
    if datatype == RDFS.Literal:
        return True
    return (value.datatype or (None if value.language else XSD.string)) == datatype


@dataclass(frozen=True)
class Violation:
    """Why the graph is inconsistent: the individual and a message."""

    individual: str
    message: str


@dataclass
class ClosureResult:
    inferred: Graph  # new facts about the data's entities, none already asserted
    violations: list[Violation] = field(default_factory=list)
    seconds: float = 0.0
    closed: int = 0  # object property assertions after closure (asserted + inferred)


def _properties(triples: Iterable[Triple], schema: Schema) -> tuple[set, list]:
    """Object property assertions closed under the property rules, and the other triples."""
    closed: set = set()
    by_subject: dict = defaultdict(lambda: defaultdict(set))  # p -> s -> {o}, joined props only
    by_object: dict = defaultdict(lambda: defaultdict(set))  # p -> o -> {s}
    joined = set(schema.transitive) | {p for c in schema.chains for p in c[:2]}
    todo: list = []
    rest: list = []

    def add(t: Triple) -> None:
        if t not in closed:
            closed.add(t)
            todo.append(t)
            if t[1] in joined:
                by_subject[t[1]][t[0]].add(t[2])
                by_object[t[1]][t[2]].add(t[0])

    for t in triples:
        if t[1] in schema.supers and not isinstance(t[2], Literal):
            add(t)
        else:
            rest.append(t)
    while todo:
        s, p, o = todo.pop()
        for q in schema.supers.get(p, ()):
            add((s, q, o))
            for r in schema.inverse.get(q, ()):
                add((o, r, s))
        if p in schema.transitive:
            for z in list(by_subject[p].get(o, ())):
                add((s, p, z))
            for x in list(by_object[p].get(s, ())):
                add((x, p, o))
        for first, second, implied in schema.chains:
            if p == first:
                for u in list(by_subject[second].get(o, ())):
                    add((s, implied, u))
            if p == second:
                for x in list(by_object[first].get(s, ())):
                    add((x, implied, o))
    return closed, rest


def _most_specific(types: set, schema: Schema) -> set:
    """The classes of `types` with no strict subclass in `types` (HermiT's direct types)."""
    out = set()
    for c in types:
        ups = schema.class_supers.get(c, frozenset((c,)))
        if not any(d != c and c in schema.class_supers.get(d, ()) and d not in ups
                   for d in types):
            out.add(c)
    return out


def materialise(data: Graph, schema: Schema | None = None, tbox: Graph | None = None) -> ClosureResult:
    """The facts HermiT would infer from `tbox` (default: the shipped ontology) plus `data`,
    and the violations that make them inconsistent."""
    t0 = time.perf_counter()
    tbox = load_tbox() if tbox is None else tbox
    schema = read_schema(tbox) if schema is None else schema
    asserted = list(reasonable(data))
    entities = {t[0] for t in asserted}
    merged = set(asserted)
    merged.update(tbox)
    closed, rest = _properties(merged, schema)

    types: dict = defaultdict(set)
    violations: list[Violation] = []
    for s, p, o in rest:
        if p == RDF.type:
            types[s].add(o)
        elif isinstance(o, Literal):
            types[s].update(schema.domains.get(p, ()))
            for dt in schema.datatype_ranges.get(p, ()):
                if not fits(o, dt):
                    violations.append(Violation(str(s), f"{p} {o.n3()} is not a value of {dt}"))
    for s, p, o in closed:
        types[s].update(schema.domains.get(p, ()))
        types[o].update(schema.ranges.get(p, ()))
        if s == o and p in schema.irreflexive:
            violations.append(Violation(str(s), f"{p} itself ({p} is irreflexive)"))
    inferred = Graph()
    members = frozenset(c for pair in schema.disjoint for c in pair)
    seen: dict = {}  # the same few type sets recur for thousands of nodes
    for node, given in types.items():
        key = frozenset(given)
        if key not in seen:
            everything = frozenset().union(*(schema.class_supers.get(c, (c,)) for c in key))
            clashes = [(a, b) for a, b in schema.disjoint if a in everything and b in everything] \
                if len(everything & members) > 1 else []
            direct = {c for c in _most_specific(everything, schema)
                      if not str(c).startswith(str(OWL))}
            seen[key] = (clashes, direct)
        clashes, direct = seen[key]
        violations += [Violation(str(node), f"is both {a} and {b}, which are disjoint")
                       for a, b in clashes]
        if node in entities:
            for c in direct:
                if (node, RDF.type, c) not in merged:
                    inferred.add((node, RDF.type, c))
    for t in closed:
        if t not in merged and (t[0] in entities or t[2] in entities) \
                and not str(t[2]).startswith(str(OWL)):
            inferred.add(t)
    unique = {(v.individual, v.message): v for v in violations}
    return ClosureResult(inferred, [unique[k] for k in sorted(unique)],
                         time.perf_counter() - t0, len(closed))
