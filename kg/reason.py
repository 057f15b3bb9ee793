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
from pathlib import Path

import owlready2
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from kg.closure import fits, load_tbox, materialise, read_schema, reasonable
from kg.report import Diagnostic, Severity
from kg.resources import ontology_files as default_ontology_files
from kg.vocab import MLKG, RES

_INFERENCES = "http://inferrences/"  # owlready2 writes what HermiT infers into this ontology
_SCHEMA_NS = (str(RDF), str(RDFS), str(OWL))


@dataclass(frozen=True)
class Support:
    """One evidence node behind an offending triple: where the extractor read it."""

    evidence: str  # IRI of the mlkg:Evidence node (for an asserted type: of a paper's mention)
    paper: str
    title: str
    sentence: str

    def __str__(self) -> str:
        title = f" ({self.title})" if self.title else ""
        return f"{_short(URIRef(self.paper))}{title}: \"{self.sentence}\""


@dataclass(frozen=True)
class Clash:
    """A likely cause of an inconsistency: the individual, why, the asserted triples that
    lead to it, and the evidence (sentence and paper) those triples came from."""

    individual: str
    message: str
    triples: tuple[str, ...] = ()  # asserted triples, compact Turtle-like text
    support: tuple[Support, ...] = ()

    def explanation(self) -> str:
        """The message, then one line per asserted triple and per piece of evidence."""
        lines = [self.message]
        lines += [f"  from: {t}" for t in self.triples]
        lines += [f"  evidence: {e}" for e in self.support]
        if not self.support:
            lines.append("  evidence: none in the graph for these triples")
        return "\n".join(lines)

    def __str__(self) -> str:
        return f"{self.individual}: {self.explanation()}"

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(Severity.ERROR, self.individual, self.explanation())


@dataclass
class ReasonerReport:
    consistent: bool
    inferred: Graph = field(default_factory=Graph)  # new individual facts, none already asserted
    problems: list[str] = field(default_factory=list)  # human-readable; clashes included
    seconds: float = 0.0  # wall time of the whole call (conversion + HermiT)
    clashes: list[Clash] = field(default_factory=list)  # likely causes when inconsistent
    reasoner: str = "hermit"  # or "closure" (kg.closure's rules)

    def diagnostics(self) -> list[Diagnostic]:
        """Problems as data: one error per clash (located at the individual), else per problem."""
        if self.clashes:
            return [c.diagnostic() for c in self.clashes]
        return [Diagnostic(Severity.ERROR, "reasoner", p) for p in self.problems]


def _reasonable(data: Graph) -> Graph:
    """The instance data without evidence nodes and abstracts (see kg.closure.reasonable),
    blank nodes made IRIs so that HermiT's inferences about them map back."""
    out = Graph()
    for t in reasonable(data):
        out.add(t)
    return out.skolemize()


_fits = fits


_PREFIXES = ((str(MLKG._NS), "mlkg:"), (str(RES), "res:"), (str(RDF), "rdf:"),
             (str(RDFS), "rdfs:"), (str(XSD), "xsd:"), (str(OWL), "owl:"))


def _short(term) -> str:
    if isinstance(term, Literal):
        if term.datatype in (XSD.integer, XSD.decimal):
            return str(term)
        return term.n3().replace(str(XSD), "xsd:").replace("<xsd:", "xsd:").replace(">", "")
    for ns, prefix in _PREFIXES:
        if str(term).startswith(ns):  # for people to read, so res:model/x is fine
            return prefix + str(term)[len(ns):]
    return f"<{term}>"


def _triple_text(t: tuple) -> str:
    return " ".join(_short(x) if x != RDF.type else "a" for x in t)


_MENTIONS_SHOWN = 3  # papers quoted for an asserted type: enough to find the misread name


def _support(data: Graph, triples: list[tuple]) -> tuple[Support, ...]:
    """The evidence nodes in `data` that reify `triples`. An asserted type has no evidence
    of its own: the papers that name the individual (introduces/mentions evidence) stand in."""

    def node(ev) -> Support | None:
        paper = data.value(ev, PROV.wasDerivedFrom)
        if paper is None:
            return None
        title = data.value(paper, DCTERMS.title) or data.value(paper, RDFS.label) or ""
        return Support(str(ev), str(paper), str(title), str(data.value(ev, MLKG.sentence) or ""))

    found: list[Support | None] = []
    for s, p, o in triples:
        if p == RDF.type:
            named = [ev for ev in data.subjects(RDF.object, s)
                     if data.value(ev, RDF.predicate) in (MLKG.introduces, MLKG.mentions)]
            found += [node(ev) for ev in sorted(named)[:_MENTIONS_SHOWN]]
            continue
        for ev in data.subjects(RDF.subject, s):
            if (ev, RDF.predicate, p) in data and (ev, RDF.object, o) in data:
                found.append(node(ev))
    return tuple(sorted({f for f in found if f is not None}, key=lambda e: (e.paper, e.evidence)))


def _suspects(g: Graph, data: Graph | None = None) -> list[Clash]:
    """Likely causes of an inconsistency, found with RDFS-level rules.

    HermiT's command line only says "inconsistent". These checks name the usual culprits:
    an entity whose types, domains and ranges fall in two disjoint classes, a figure
    outside its property's datatype range, and a model derived from itself. Each names
    the asserted triples behind it and, from `data`, their evidence.
    They cannot see every cause.
    """
    data = g if data is None else data
    pairs: list[tuple[URIRef, URIRef]] = list(g.subject_objects(OWL.disjointWith))
    for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(g, g.value(node, OWL.members)))
        pairs += [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
    irreflexive = set(g.subjects(RDF.type, OWL.IrreflexiveProperty))
    cache: dict = {}

    def up(term, prop) -> set:
        if (term, prop) not in cache:
            cache[term, prop] = set(g.transitive_objects(term, prop))
        return cache[term, prop]

    found: list[Clash] = []
    # node -> class -> the asserted triples that give the node that class
    types: dict = {}

    def typed(node, cls, why: tuple) -> None:
        types.setdefault(node, {}).setdefault(cls, set()).add(why)

    def clash(node, message: str, why: set) -> Clash:
        triples = sorted(why, key=_triple_text)
        return Clash(str(node), message, tuple(_triple_text(t) for t in triples),
                     _support(data, triples))

    def cause(closed: dict, cls) -> set:
        """Why `node` is a `cls`: its asserted types if they give it, else the domain and
        range triples (a model typed Technique only through a usesTechnique object)."""
        asserted = {t for t in closed[cls] if t[1] == RDF.type}
        return asserted or closed[cls]

    for s, p, o in g:
        if p == RDF.type:
            typed(s, o, (s, p, o))
            continue
        for q in up(p, RDFS.subPropertyOf):
            if s == o and q in irreflexive:
                found.append(clash(s, f"{_short(p)} itself ({_short(q)} is irreflexive)",
                                   {(s, p, o)}))
            for dom in g.objects(q, RDFS.domain):
                typed(s, dom, (s, p, o))
            for rng in g.objects(q, RDFS.range):
                if not isinstance(o, Literal):
                    typed(o, rng, (s, p, o))
                elif str(rng).startswith(str(XSD)) and not _fits(o, rng):
                    found.append(clash(s, f"{_short(p)} {o.n3()} is not a value of the range "
                                          f"{_short(rng)}", {(s, p, o)}))
    for node, given in types.items():
        if str(node).startswith(_SCHEMA_NS):
            continue
        closed: dict = {}  # class -> triples, closed under rdfs:subClassOf
        for cls, why in given.items():
            for sup in up(cls, RDFS.subClassOf):
                closed.setdefault(sup, set()).update(why)
        both = [(a, b) for a, b in pairs if a in closed and b in closed]
        for a, b in both:
            # Model & Organization, not also PaperTopic (a superclass of Model) & Organization
            if not any((x, y) != (a, b) and _below(x, a, up) and _below(y, b, up)
                       for pair in both for x, y in (pair, pair[::-1])):
                found.append(clash(node, f"is both {_short(a)} and {_short(b)}, which are "
                                         "disjoint", cause(closed, a) | cause(closed, b)))
    unique = {(c.individual, c.message): c for c in found}
    return [unique[k] for k in sorted(unique)]


def _below(sub, sup, up) -> bool:
    """`sub` is `sup` or one of its subclasses."""
    return sup in up(sub, RDFS.subClassOf)


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
        report.clashes = _suspects(merged, data)
        report.problems = [f"HermiT: the ontology plus data is inconsistent {e}".rstrip()]
        report.problems += [str(c) for c in report.clashes] or [
            "no likely cause found by the RDFS-level checks"]
    except owlready2.OwlReadyJavaError as e:  # e.g. input outside OWL 2 DL
        report.consistent = False
        report.problems = [f"HermiT failed, consistency unknown: {' '.join(str(e).split())}"]
    finally:
        tempfile.tempdir = saved_tempdir
        world.close()
    report.seconds = time.perf_counter() - t0
    return report


REASONERS = ("auto", "hermit", "closure")
CLOSURE_ABOVE = 100_000  # triples; HermiT took 7.6 s at 100k and 37.6 s at 169k


def choose(reasoner: str, triples: int, threshold: int = CLOSURE_ABOVE) -> str:
    """`hermit` or `closure` for a graph of `triples`: auto takes HermiT (complete OWL 2
    DL, the reference) up to `threshold` triples and the closure rules above it."""
    if reasoner not in REASONERS:
        raise ValueError(f"unknown reasoner {reasoner!r}; expected one of {', '.join(REASONERS)}")
    if reasoner == "auto":
        return "hermit" if triples <= threshold else "closure"
    return reasoner


def closure_report(data: Graph, ontology_files: list[Path] | None = None) -> ReasonerReport:
    """kg.closure's rules instead of HermiT: the same inferred graph and the same verdict
    for this ontology's axioms (tests/test_closure.py), in seconds at a million triples.
    An ontology with axioms the rules do not decide goes to HermiT instead."""
    t0 = time.perf_counter()
    tbox = load_tbox(ontology_files)
    schema = read_schema(tbox)
    if schema.unsupported:  # rules that would give a smaller closure: use the complete one
        return check_consistency(data, ontology_files)
    result = materialise(data, schema, tbox)
    report = ReasonerReport(consistent=not result.violations, reasoner="closure")
    if result.violations:
        merged = _reasonable(data)
        merged += tbox
        report.clashes = _suspects(merged, data)
        report.problems = ["closure rules: the ontology plus data is inconsistent"]
        report.problems += [str(c) for c in report.clashes] or [
            f"{v.individual}: {v.message}" for v in result.violations]
    else:
        report.inferred = result.inferred
    report.seconds = time.perf_counter() - t0
    return report


def run_reasoner(data: Graph, reasoner: str = "auto", threshold: int = CLOSURE_ABOVE,
                 ontology_files: list[Path] | None = None) -> ReasonerReport:
    """Consistency and inferred facts with the reasoner `choose` picks for `data`'s size."""
    if choose(reasoner, len(data), threshold) == "closure":
        return closure_report(data, ontology_files)
    return check_consistency(data, ontology_files)
