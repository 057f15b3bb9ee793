"""Extractions -> one RDF graph of asserted facts, each with its evidence (RDF reification,
see docs/data-model.md)."""

import hashlib
import re
from collections import defaultdict

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.document import Document
from kg.extract import Extraction
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.names import model_key
from kg.extract.text import clean
from kg.resolve import Entity, Resolver, slug
from kg.vocab import MLKG, RES

SCHEMA = Namespace("https://schema.org/")
CLASSES = {"model": MLKG.Model, "technique": MLKG.Technique, "dataset": MLKG.Dataset,
           "benchmark": MLKG.Benchmark}
SPECIFIC = {"prunedFrom", "distilledFrom", "fineTunedFrom", "quantizedFrom", "builtOn",
            "nasDerivedFrom"}
LINEAGE = SPECIFIC | {"derivedFrom", "successorOf"}


def bind_prefixes(g: Graph) -> Graph:
    for prefix, ns in (("mlkg", MLKG._NS), ("res", RES), ("skos", SKOS), ("prov", PROV),
                       ("dcterms", DCTERMS), ("schema", SCHEMA)):
        g.bind(prefix, ns)
    return g


def paper_iri(doc: Document) -> URIRef:
    return RES[f"paper/{doc.arxiv}" if doc.arxiv else f"paper/{doc.key[:12]}"]


def _evidence_iri(*parts: object) -> URIRef:
    return RES["evidence/" + hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]]


class GraphBuilder:
    def __init__(self, lex: Lexicon | None = None):
        self.lex = lex or load_lexicon()
        self.resolver = Resolver(self.lex)
        self.extractions: list[Extraction] = []
        self.docs: dict[str, Document] = {}

    def add(self, ex: Extraction) -> None:
        self.resolver.add(ex)
        self.extractions.append(ex)
        self.docs[ex.document.key] = ex.document

    def build(self) -> Graph:
        self.resolver.assign_iris()
        g = bind_prefixes(Graph())
        facts: dict[tuple, list[tuple]] = defaultdict(list)  # (s, p, o) -> evidence tuples
        for ex in self.extractions:
            self._paper(g, ex)
            for f in ex.found:
                s = self.resolver.mention(f.subject)
                o = f.object if isinstance(f.object, int) else self.resolver.mention(f.object)
                if s is None or o is None or (isinstance(o, Entity) and o is s):
                    continue
                sent = ex.mentions.sentences[f.sent]
                facts[(s.iri, f.predicate, o.iri if isinstance(o, Entity) else o)].append(
                    (ex.document.key, sent.start, sent.end, f.rule, f.confidence))
            self._paper_links(ex, facts)
        for (s, p, o), evs in sorted(_prune(facts).items(), key=lambda kv: repr(kv[0])):
            obj = Literal(o, datatype=XSD.integer) if isinstance(o, int) else o
            g.add((s, MLKG[p], obj))
            for key, start, end, rule, conf in sorted(set(evs)):
                doc = self.docs[key]
                ev = _evidence_iri(s, p, o, key, start, rule)
                g.add((ev, RDF.type, MLKG.Evidence))
                g.add((ev, RDF.type, RDF.Statement))
                g.add((ev, RDF.subject, s))
                g.add((ev, RDF.predicate, MLKG[p]))
                g.add((ev, RDF.object, obj))
                g.add((ev, PROV.wasDerivedFrom, paper_iri(doc)))
                g.add((ev, MLKG.sentence, Literal(doc.abstract[start:end])))
                g.add((ev, MLKG.charStart, Literal(start, datatype=XSD.integer)))
                g.add((ev, MLKG.charEnd, Literal(end, datatype=XSD.integer)))
                g.add((ev, MLKG.rule, Literal(rule)))
                g.add((ev, MLKG.confidence, Literal(f"{conf:.2f}", datatype=XSD.decimal)))
        for ent in self.resolver.entities.values():
            g.add((ent.iri, RDF.type, CLASSES[ent.kind]))
            g.add((ent.iri, RDFS.label, Literal(ent.label)))
            for alt in ent.alt_labels:
                g.add((ent.iri, SKOS.altLabel, Literal(alt)))
        return g

    def _paper(self, g: Graph, ex: Extraction) -> None:
        doc = ex.document
        p = paper_iri(doc)
        g.add((p, RDF.type, MLKG.Paper))
        g.add((p, RDFS.label, Literal(doc.title or _first_words(doc.abstract))))
        if doc.title:
            g.add((p, DCTERMS.title, Literal(doc.title)))
        if doc.date:
            g.add((p, DCTERMS.issued, Literal(doc.date, datatype=XSD.date)))
        if doc.arxiv:
            g.add((p, DCTERMS.identifier, Literal(f"arXiv:{doc.arxiv}")))
        if doc.url:
            g.add((p, SCHEMA.url, Literal(doc.url)))
        g.add((p, DCTERMS.abstract, Literal(doc.abstract)))
        for name in doc.authors:
            person = RES[f"person/{slug(name)}"]
            g.add((p, DCTERMS.creator, person))
            g.add((person, RDF.type, MLKG.Person))
            g.add((person, RDFS.label, Literal(name)))
        for org in doc.affiliations:
            entry = self.lex.lookup(org.split())
            iri = entry.iri if entry is not None and entry.kind == "org" else RES[f"org/{slug(org)}"]
            g.add((p, MLKG.affiliation, iri))
            g.add((iri, RDF.type, MLKG.Organization))
            g.add((iri, RDFS.label, Literal(entry.label if entry is not None and entry.kind == "org"
                                            else org)))
        for src in doc.sources:
            g.add((p, MLKG.sourceFile, Literal(src)))

    def _paper_links(self, ex: Extraction, facts: dict) -> None:
        """introduces / mentions, with the first sentence that shows each."""
        doc, dm = ex.document, ex.mentions
        p = paper_iri(doc)
        title_head = (doc.title or "").split(":", 1)[0].strip() if ":" in (doc.title or "") else ""
        title_key = model_key(re.sub(r"^NVIDIA\s+", "", title_head)) if title_head else None
        introduced = {id(self.resolver.mention(m)) for m in dm.introduced}
        seen: set[int] = set()
        for m in dm.introduced + dm.mentions:
            ent = self.resolver.mention(m)
            if ent is None or id(ent) in seen:
                continue
            seen.add(id(ent))
            by_title = title_key is not None and (
                (ent.kind == "model" and ent.key == ("model", title_key))
                or ent.label.lower() == title_head.lower())
            pred, rule = ("introduces", "cue-introduce") if id(ent) in introduced else (
                ("introduces", "title-name") if by_title else ("mentions", "mention"))
            sent = dm.sentences[m.sent]
            facts[(p, pred, ent.iri)].append((doc.key, sent.start, sent.end, rule, 0.8 if
                                              pred == "introduces" else 0.95))


def _prune(facts: dict) -> dict:
    """A specific lineage kind makes the generic derivedFrom for the same pair redundant,
    and lineage between two models is not also a comparison."""
    pairs = defaultdict(set)
    for s, p, o in facts:
        pairs[(s, o)].add(p)
    out = {}
    for (s, p, o), evs in facts.items():
        kinds = pairs[(s, o)] | pairs[(o, s)]
        if p == "derivedFrom" and kinds & SPECIFIC:
            continue
        if p == "comparedWith" and kinds & LINEAGE:
            continue
        if p == "mentions" and "introduces" in pairs[(s, o)]:
            continue
        out[(s, p, o)] = evs
    return out


def _first_words(text: str, n: int = 12) -> str:
    words = clean(text).split()  # no HTML or LaTeX markup in a label
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")


def build_graph(extractions: list[Extraction], lex: Lexicon | None = None) -> Graph:
    builder = GraphBuilder(lex)
    for ex in extractions:
        builder.add(ex)
    return builder.build()
