"""Extractions -> RDF triples of asserted facts, each with its evidence (RDF reification,
see docs/data-model.md).

Entity resolution is corpus-wide (a label is the name most papers use), so triples come in
two sweeps over compact per-paper records (`DocRecord`, small enough to cache on disk):
`Emitter.add` feeds each record's names to the resolver and notes lineage pairs, then
`Emitter.emit` turns each record into N-Triples lines with the final IRIs. Neither sweep
needs more than one paper in memory besides the resolver's entities.
"""

import functools
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from rdflib import RDF, RDFS, XSD, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg import ntriples as nt
from kg.document import Document
from kg.extract import Extraction, Mention
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.names import model_key
from kg.extract.text import clean
from kg.resolve import KINDS, Entity, Resolver, slug
from kg.vocab import MLKG, RES

SCHEMA = Namespace("https://schema.org/")
CLASSES = {"model": MLKG.Model, "technique": MLKG.Technique, "dataset": MLKG.Dataset,
           "benchmark": MLKG.Benchmark}
SPECIFIC = {"prunedFrom", "distilledFrom", "fineTunedFrom", "quantizedFrom", "builtOn",
            "nasDerivedFrom"}
LINEAGE = SPECIFIC | {"derivedFrom", "successorOf"}
PREFIXES = {"mlkg": str(MLKG._NS), "res": str(RES), "skos": str(SKOS), "prov": str(PROV),
            "dcterms": str(DCTERMS), "schema": str(SCHEMA), "rdf": str(RDF), "rdfs": str(RDFS),
            "xsd": str(XSD)}


def bind_prefixes(g: Graph) -> Graph:
    for prefix in ("mlkg", "res", "skos", "prov", "dcterms", "schema"):
        g.bind(prefix, PREFIXES[prefix])
    return g


def paper_iri(doc: Document) -> URIRef:
    return RES[f"paper/{doc.arxiv}" if doc.arxiv else f"paper/{doc.key[:12]}"]


def _evidence_iri(*parts: object) -> str:
    return str(RES) + "evidence/" + hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


class Ment(NamedTuple):
    """What resolution needs of a mention (duck-types `Mention` for the resolver)."""

    kind: str
    name: str
    alias_of: str | None
    iri: URIRef | None
    sent: int


@dataclass
class DocRecord:
    """One paper's extraction, reduced to what the graph needs."""

    key: str
    spans: list[tuple[int, int]]  # sentence (start, end) in the abstract
    resolve: list[Ment]  # mentions then introduced: the names resolution counts
    found: list[tuple[Ment, str, "Ment | int", int, str, float]]  # s, p, o, sentence, rule, conf
    introduced: list[Ment]
    mentions: list[Ment]


def _ment(m: Mention) -> Ment:
    return Ment(m.kind, m.name, m.alias_of, m.iri, m.sent)


def record(ex: Extraction) -> DocRecord:
    dm = ex.mentions
    return DocRecord(
        ex.document.key, [(s.start, s.end) for s in dm.sentences],
        [_ment(m) for m in dm.mentions] + [_ment(m) for m in dm.introduced],
        [(_ment(f.subject), f.predicate, f.object if isinstance(f.object, int) else _ment(f.object),
          f.sent, f.rule, f.confidence) for f in ex.found],
        [_ment(m) for m in dm.introduced], [_ment(m) for m in dm.mentions])


# Records travel from extraction workers and wait in the manifest as plain tuples: NamedTuples
# holding rdflib URIRefs unpickle through Python code (a URIRef re-validates itself), which
# was a fifth of a 100k build's graph step. Equal mentions are stored once.
_URI = functools.lru_cache(maxsize=1 << 12)(URIRef)  # mention IRIs are the lexicon's, a few hundred


def pack(rec: DocRecord) -> tuple:
    table: dict[Ment, int] = {}

    def ix(m: Ment) -> int:
        return table.setdefault(m, len(table))

    resolve, introduced, mentions = ([ix(m) for m in ms] for ms in (rec.resolve, rec.introduced,
                                                                     rec.mentions))
    found = [(ix(s), p, o if isinstance(o, int) else None, None if isinstance(o, int) else ix(o),
              si, rule, conf) for s, p, o, si, rule, conf in rec.found]
    ments = [(m.kind, m.name, m.alias_of, None if m.iri is None else str(m.iri), m.sent)
             for m in table]
    return (rec.key, rec.spans, ments, resolve, found, introduced, mentions)


def unpack(packed: tuple) -> DocRecord:
    key, spans, ments, resolve, found, introduced, mentions = packed
    ms = [Ment(k, n, a, None if i is None else _URI(i), s) for k, n, a, i, s in ments]
    return DocRecord(key, spans, [ms[i] for i in resolve],
                     [(ms[s], p, v if oi is None else ms[oi], si, rule, conf)
                      for s, p, v, oi, si, rule, conf in found],
                     [ms[i] for i in introduced], [ms[i] for i in mentions])


# predicates and classes as N-Triples text, made once
_P = {name: nt.iri(str(MLKG._NS) + name) for name in (
    "Paper", "Person", "Organization", "Evidence", "affiliation", "sourceFile", "sentence",
    "charStart", "charEnd", "rule", "confidence")}
_TYPE, _LABEL, _ALT = nt.iri(str(RDF.type)), nt.iri(str(RDFS.label)), nt.iri(str(SKOS.altLabel))
_STATEMENT, _SUBJ, _PRED, _OBJ = (nt.iri(str(t)) for t in (RDF.Statement, RDF.subject,
                                                           RDF.predicate, RDF.object))
_DERIVED = nt.iri(str(PROV.wasDerivedFrom))
_DC = {k: nt.iri(str(DCTERMS) + k) for k in ("title", "issued", "identifier", "abstract", "creator")}
_URL = nt.iri(str(SCHEMA.url))
_CLASS = {k: nt.iri(str(v)) for k, v in CLASSES.items()}
_EVIDENCE, _SENTENCE, _START, _END, _RULE, _CONF = (_P[k] for k in (
    "Evidence", "sentence", "charStart", "charEnd", "rule", "confidence"))
_INT, _DECIMAL = nt.iri(str(XSD.integer)), nt.iri(str(XSD.decimal))


def pair_key(a: tuple, b: tuple) -> tuple:
    """A lineage pair as `_pruned` reads it: both directions at once."""
    return ("pair", *sorted((a, b), key=repr))


class Emitter:
    """Records -> N-Triples lines. Call `add` for every record, then `emit` for every record
    (in any order: what a paper emits depends on the corpus only through the resolved
    entities, the lineage pairs and `shared`), then `entity_lines` once.

    `add` and `remove` count a record in or out, so an incremental build can keep the counts
    of the last build and update them by the papers that changed (kg/graphcache.py)."""

    def __init__(self, lex: Lexicon | None = None):
        self.lex = lex or load_lexicon()
        self.resolver = Resolver(self.lex)
        # a name's key is pure and asked for at every mention: parse each name once
        self.resolver.key = functools.lru_cache(maxsize=1 << 18)(self.resolver.key)  # type: ignore[method-assign]
        # lineage and comparison facts only (the rest never prune): (s key, o key) -> predicates
        self.pairs: dict[tuple, dict[str, int]] = {}
        self.resolved = False
        # papers whose IRI more than one abstract shares (versions with the same arXiv id):
        # their introduces/mentions links wait until all are seen (see `shared_links`)
        self.shared: set[str] = set()
        self.deferred: dict[tuple, list[tuple]] = defaultdict(list)
        # what `emit` reads (an incremental build points these at the last build's values)
        self.view: Mapping[tuple, Entity] = self.resolver.entities
        self.pair_view: Mapping[tuple, dict[str, int]] = self.pairs
        self.reads: set | None = None  # when a set: the entity keys and pairs `emit` reads

    def _key(self, m: Ment) -> tuple | None:
        if m.kind not in KINDS:
            return None
        full = m.alias_of or m.name
        name = self.lex.labels.get(m.iri, full) if m.iri is not None else full
        return self.resolver.key(m.kind, name)

    def lookup(self, m: Ment) -> Entity | None:
        """The entity a mention resolved to; counts nothing."""
        key = self._key(m)
        if key is None:
            return None
        if self.reads is not None:
            self.reads.add(key)
        return self.view[key]

    def pair_keys(self, rec: DocRecord) -> Iterator[tuple]:
        """(s key, o key, predicate) of the facts that can prune or be pruned."""
        for s, p, o, *_ in rec.found:
            if p in LINEAGE or p == "comparedWith":
                sk, ok = self._key(s), o if isinstance(o, int) else self._key(o)
                if sk is not None and ok is not None and sk != ok:
                    yield sk, ok, p

    def add(self, rec: DocRecord, n: int = 1) -> None:
        """Count a record's names and lineage pairs in (n = -1: out again). A fact's ends
        count too: an object can be a name the paper never mentions otherwise."""
        for m in rec.resolve:
            self.resolver.mention(m, n)  # type: ignore[arg-type]
        for sm, _, om, *_ in rec.found:
            self.resolver.mention(sm, n)  # type: ignore[arg-type]
            if not isinstance(om, int):
                self.resolver.mention(om, n)  # type: ignore[arg-type]
        for sk, ok, p in self.pair_keys(rec):
            kinds = self.pairs.setdefault((sk, ok), {})
            kinds[p] = kinds.get(p, 0) + n
            if kinds[p] <= 0:
                del kinds[p]
                if not kinds:
                    del self.pairs[(sk, ok)]

    def remove(self, rec: DocRecord) -> None:
        self.add(rec, -1)

    def _pruned(self, s: Entity, p: str, o: "Entity | int") -> bool:
        """A specific lineage kind makes the generic derivedFrom for the same pair redundant,
        and lineage between two models is not also a comparison."""
        if isinstance(o, int) or p not in ("derivedFrom", "comparedWith"):
            return False
        if self.reads is not None:
            self.reads.add(pair_key(s.key, o.key))
        kinds = set(self.pair_view.get((s.key, o.key), ())) | set(self.pair_view.get((o.key, s.key), ()))
        return bool(kinds & SPECIFIC) if p == "derivedFrom" else bool(kinds & LINEAGE)

    def resolve(self) -> None:
        if not self.resolved:
            self.resolver.assign_iris()
            self.resolved = True

    def emit(self, rec: DocRecord, doc: Document) -> list[str]:
        """N-Triples for one paper; an item may hold several lines (see `split_lines`)."""
        self.resolve()
        lines = self._paper(doc)
        paper = nt.iri(str(paper_iri(doc)))
        facts: dict[tuple, list[tuple]] = defaultdict(list)
        for sm, p, om, si, rule, conf in rec.found:
            s = self.lookup(sm)
            o = om if isinstance(om, int) else self.lookup(om)
            if s is None or o is None or (isinstance(o, Entity) and o.key == s.key) \
                    or self._pruned(s, p, o):
                continue
            start, end = rec.spans[si]
            facts[(s.iri, p, o if isinstance(o, int) else o.iri)].append((start, end, rule, conf))
        pi = paper_iri(doc)
        for (p, e), ev in self._paper_links(rec, doc).items():
            if str(pi) in self.shared:
                self.deferred[(pi, e)].append((p, rec.key, *ev, doc.abstract[ev[0]:ev[1]], paper))
            else:
                facts[(pi, p, e)].append(ev)
        for (s, p, o), evs in facts.items():
            lines += self._fact(s, p, o, [(rec.key, *ev, doc.abstract[ev[0]:ev[1]], paper)
                                          for ev in set(evs)])
        return lines

    def _fact(self, s: URIRef, p: str, o: "URIRef | int", evs: list[tuple]) -> list[str]:
        sn, pn = nt.iri(str(s)), nt.iri(str(MLKG._NS) + p)
        on = nt.integer(o) if isinstance(o, int) else nt.iri(str(o))
        lines = [nt.triple(sn, pn, on)]
        for key, start, end, rule, conf, sentence, paper in evs:
            ev = nt.iri(_evidence_iri(s, p, o, key, start, rule))
            # one string for the record's 11 lines: the hot loop of a big build
            lines.append(
                f"{ev} {_TYPE} {_EVIDENCE} .\n{ev} {_TYPE} {_STATEMENT} .\n"
                f"{ev} {_SUBJ} {sn} .\n{ev} {_PRED} {pn} .\n{ev} {_OBJ} {on} .\n"
                f"{ev} {_DERIVED} {paper} .\n{ev} {_SENTENCE} {nt.literal(sentence)} .\n"
                f"{ev} {_START} \"{start}\"^^{_INT} .\n{ev} {_END} \"{end}\"^^{_INT} .\n"
                f"{ev} {_RULE} {nt.literal(rule)} .\n"
                f"{ev} {_CONF} \"{conf:.2f}\"^^{_DECIMAL} .\n")
        return lines

    def shared_links(self, pi: URIRef | None = None) -> Iterator[str]:
        """Links of papers several abstracts share (of all, or of paper `pi`): `mentions` goes
        where any of them introduces the entity. Emitted once all of those abstracts went
        through `emit`."""
        for key in sorted((k for k in self.deferred if pi is None or k[0] == pi), key=repr):
            items = self.deferred.pop(key)
            preds = {item[0] for item in items}
            for p in sorted(preds):
                if p == "mentions" and "introduces" in preds:
                    continue
                yield from self._fact(key[0], p, key[1],
                                      sorted({item[1:] for item in items if item[0] == p}))

    def entity_lines(self) -> Iterator[str]:
        yield from self.shared_links()
        for ent in self.resolver.entities.values():
            yield from entity_triples(ent)

    def _paper(self, doc: Document) -> list[str]:
        p = nt.iri(str(paper_iri(doc)))
        out = [nt.triple(p, _TYPE, _P["Paper"]),
               nt.triple(p, _LABEL, nt.literal(doc.title or _first_words(doc.abstract)))]
        if doc.title:
            out.append(nt.triple(p, _DC["title"], nt.literal(doc.title)))
        if doc.date:
            out.append(nt.triple(p, _DC["issued"], nt.literal(doc.date, str(XSD.date))))
        if doc.arxiv:
            out.append(nt.triple(p, _DC["identifier"], nt.literal(f"arXiv:{doc.arxiv}")))
        if doc.url:
            out.append(nt.triple(p, _URL, nt.literal(doc.url)))
        out.append(nt.triple(p, _DC["abstract"], nt.literal(doc.abstract)))
        for name in doc.authors:
            person = nt.iri(str(RES) + f"person/{slug(name)}")
            out += [nt.triple(p, _DC["creator"], person), nt.triple(person, _TYPE, _P["Person"]),
                    nt.triple(person, _LABEL, nt.literal(name))]
        for org in doc.affiliations:
            entry = self.lex.lookup(org.split())
            known = entry is not None and entry.kind == "org"
            o = nt.iri(str(entry.iri) if known else str(RES) + f"org/{slug(org)}")  # type: ignore[union-attr]
            out += [nt.triple(p, _P["affiliation"], o), nt.triple(o, _TYPE, _P["Organization"]),
                    nt.triple(o, _LABEL, nt.literal(entry.label if known else org))]  # type: ignore[union-attr]
        for src in doc.sources:
            out.append(nt.triple(p, _P["sourceFile"], nt.literal(src)))
        return out

    def _paper_links(self, rec: DocRecord, doc: Document) -> dict[tuple, tuple]:
        """introduces / mentions, with the first sentence that shows each. `mentions` is
        dropped where the paper introduces the entity (each entity gets one link per paper)."""
        head = (doc.title or "").split(":", 1)[0].strip() if ":" in (doc.title or "") else ""
        title_key = model_key(re.sub(r"^NVIDIA\s+", "", head)) if head else None
        introduced = {ent.key for m in rec.introduced if (ent := self.lookup(m)) is not None}
        seen: set[tuple] = set()
        out: dict[tuple, tuple] = {}
        for m in rec.introduced + rec.mentions:
            ent = self.lookup(m)
            if ent is None or ent.key in seen:
                continue
            seen.add(ent.key)
            by_title = title_key is not None and (
                (ent.kind == "model" and ent.key == ("model", title_key))
                or ent.label.lower() == head.lower())
            pred, rule = ("introduces", "cue-introduce") if ent.key in introduced else (
                ("introduces", "title-name") if by_title else ("mentions", "mention"))
            start, end = rec.spans[m.sent]
            out[(pred, ent.iri)] = (start, end, rule, 0.8 if pred == "introduces" else 0.95)
        return out


def entity_triples(ent: Entity) -> list[str]:
    e = nt.iri(str(ent.iri))
    return [nt.triple(e, _TYPE, _CLASS[ent.kind]), nt.triple(e, _LABEL, nt.literal(ent.label)),
            *(nt.triple(e, _ALT, nt.literal(alt)) for alt in ent.alt_labels)]


def _first_words(text: str, n: int = 12) -> str:
    words = clean(text).split()  # no HTML or LaTeX markup in a label
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")


def emit_all(records: list[tuple[DocRecord, Document]], lex: Lexicon | None = None) -> list[str]:
    """Every line for a corpus held in memory (small corpora, tests)."""
    em = Emitter(lex)
    papers = Counter(str(paper_iri(doc)) for _, doc in records)
    em.shared = {p for p, n in papers.items() if n > 1}
    for rec, _ in records:
        em.add(rec)
    lines: list[str] = []
    for rec, doc in records:
        lines += em.emit(rec, doc)
    lines += em.entity_lines()
    return lines


def split_lines(items: Iterable[str]) -> list[str]:
    """Items of one or more whole lines -> single lines (split on \\n only: U+2028 is text)."""
    return [line + "\n" for line in "".join(items).split("\n")[:-1]]


def lines_to_graph(lines: Iterable[str]) -> Graph:
    g = bind_prefixes(Graph())
    g.parse(data="".join(sorted(set(split_lines(lines)))), format="nt")
    return g


class GraphBuilder:
    """Extractions held in memory -> an rdflib Graph (tests and small corpora)."""

    def __init__(self, lex: Lexicon | None = None):
        self.lex = lex or load_lexicon()
        self.records: list[tuple[DocRecord, Document]] = []

    def add(self, ex: Extraction) -> None:
        self.records.append((record(ex), ex.document))

    def lines(self) -> list[str]:
        return emit_all(self.records, self.lex)

    def build(self) -> Graph:
        return lines_to_graph(self.lines())


def build_graph(extractions: list[Extraction], lex: Lexicon | None = None) -> Graph:
    builder = GraphBuilder(lex)
    for ex in extractions:
        builder.add(ex)
    return builder.build()


