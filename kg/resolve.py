"""Entity resolution across papers: every name becomes one node with one label and its
variant names. Models meet on their order-free name key; other kinds on the ontology's
label, or on their lower-cased words when the ontology does not know them."""

import hashlib
import re
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.extract import Extraction, Mention
from kg.extract.lexicon import Lexicon, word_key, word_key_cased
from kg.extract.names import model_key
from kg.vocab import RES

KINDS = ("model", "technique", "dataset", "benchmark")
_SLUG = re.compile(r"[^a-z0-9+]+")


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower().replace("+", "plus")).strip("-") or "x"


@dataclass
class Entity:
    key: tuple
    kind: str
    iri: URIRef | None = None
    fixed_label: str | None = None  # the ontology's label, when it has one
    # name -> mentions; plain dicts, not Counters: an incremental build unpickles them all
    names: dict[str, int] = field(default_factory=dict)  # full names as written
    short: dict[str, int] = field(default_factory=dict)  # abbreviations and short forms

    @property
    def label(self) -> str:
        if self.fixed_label:
            return self.fixed_label
        # most used full name; ties go to the longer, then the alphabetically first
        return sorted(self.names.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]

    @property
    def alt_labels(self) -> list[str]:
        label = self.label
        return sorted((set(self.names) | set(self.short)) - {label})


class Resolver:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.entities: dict[tuple, Entity] = {}

    def key(self, kind: str, name: str) -> tuple:
        if kind == "model":
            return ("model", model_key(name))
        entry = self.lex.lookup(word_key_cased(name))
        if entry is not None and entry.kind in KINDS:
            return ("iri", entry.iri)
        return (kind, word_key(name))

    def entity(self, kind: str, name: str) -> Entity:
        key = self.key(kind, name)
        ent = self.entities.get(key)
        if ent is None:
            if key[0] == "iri":
                ent = Entity(key, self.lex_kind(key[1]), key[1], self.lex.labels.get(key[1]))
            else:
                ent = Entity(key, kind)
            self.entities[key] = ent
        return ent

    def lex_kind(self, iri: URIRef) -> str:
        return str(iri).split("/resource/", 1)[1].split("/", 1)[0]

    def mention(self, m: Mention, n: int = 1) -> Entity | None:
        """Count a mention (n = -1 takes one back, for incremental builds). The counts do not
        depend on the order mentions come in, so a graph can be updated paper by paper."""
        if m.kind not in KINDS:
            return None
        full = m.alias_of or m.name
        if m.iri is not None:
            ent = self.entity(m.kind, self.lex.labels.get(m.iri, full))
        else:
            ent = self.entity(m.kind, full)
        _count(ent.names, full, n)
        # an abbreviation, or the ontology's entry written otherwise (alt_labels drops the
        # label itself, whichever it ends up being)
        if (m.alias_of and m.name != m.alias_of) or m.iri is not None:
            _count(ent.short, m.name, n)
        if not ent.names:  # its last mention taken back
            del self.entities[ent.key]
        return ent

    def add(self, ex: Extraction) -> None:
        for m in ex.mentions.mentions:
            self.mention(m)
        for m in ex.mentions.introduced:
            self.mention(m)

    def assign_iris(self) -> None:
        """Deterministic IRIs from labels; a clash of slugs gets a hash suffix."""
        taken: dict[str, tuple] = {}
        for key in sorted(self.entities, key=repr):
            ent = self.entities[key]
            if ent.iri is not None:
                continue
            base = f"{ent.kind}/{slug(ent.label)}"
            if base in taken and taken[base] != key:
                base += "-" + hashlib.sha1(repr(key).encode()).hexdigest()[:6]
            taken[base] = key
            ent.iri = RES[base]


def _count(c: dict[str, int], name: str, n: int) -> None:
    c[name] = c.get(name, 0) + n
    if c[name] <= 0:
        del c[name]
