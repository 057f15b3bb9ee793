"""Known names from the ontology: labels and altLabels of techniques, datasets, benchmarks,
hardware, software, organisations and model families.

Matching works on hyphen-split, lower-cased word keys, so "Mixture-of-Experts" and
"mixture of experts" meet. A name with capitals past its first letter (MoE, NVFP4, RL)
must match case exactly: "rl" in running text is not reinforcement learning.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.resources import ontology_files
from kg.vocab import MLKG

MEMO_LIMIT = 200_000  # entries per memo table: a corpus's vocabulary, not all of it at once

KINDS = {
    MLKG.Technique: "technique",
    MLKG.Dataset: "dataset",
    MLKG.Benchmark: "benchmark",
    MLKG.Hardware: "hardware",
    MLKG.Software: "software",
    MLKG.Organization: "org",
    MLKG.ModelFamily: "family",
}


_SEP = re.compile(r"[\s\-_]+")


def word_key(text: str) -> tuple[str, ...]:
    return tuple(w for w in _SEP.split(text.lower()) if w)


def _case_sensitive(surface: str) -> bool:
    # Acronym-like words (MoE, NVFP4, RL) are case-exact; Title Case words are not.
    return any(any(c.isupper() for c in w[1:]) for w in word_key_cased(surface))


@dataclass(frozen=True)
class Entry:
    iri: URIRef
    kind: str
    label: str
    surface: str
    exact_case: bool


@dataclass
class Lexicon:
    entries: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    families: set[str] = field(default_factory=set)  # lower-case family words
    labels: dict[URIRef, str] = field(default_factory=dict)
    broader: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    max_words: int = 1
    # first word of every name -> longest name starting with it: most words start none
    firsts: dict[str, int] = field(default_factory=dict)
    # the names' lower-cased words as a trie, so a scan knows how far a name can reach
    trie: dict = field(default_factory=dict, repr=False, compare=False)
    # answers of `lookup` and facts about words (kg.extract.mentions): the same names come
    # back in every sentence and in both passes; bounded, and emptied when an entry is added
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def add(self, iri: URIRef, kind: str, label: str, surface: str) -> None:
        key = word_key(surface)
        if not key:
            return
        # proper nouns of things that are never techniques must match case: "meta tokens"
        exact = _case_sensitive(surface) or kind in ("org", "software", "hardware")
        entry = Entry(iri, kind, label, surface, exact)
        self.entries.setdefault(key, []).append(entry)
        self.max_words = max(self.max_words, len(key))
        self.firsts[key[0]] = max(self.firsts.get(key[0], 0), len(key))
        node = self.trie
        for word in key:
            node = node.setdefault(word, {})
        self.memo.clear()

    def reach(self, words: list[str]) -> int:
        """How many of the leading `words` some name's key begins with: `lookup` finds
        nothing for more words than that."""
        node, n = self.trie, 0
        for word in words:
            node = node.get(word.lower())
            if node is None:
                break
            n += 1
        return n

    def lookup(self, words: list[str]) -> Entry | None:
        """The entry for exactly these surface words, honouring case rules."""
        key = tuple(words)
        memo = self.memo.setdefault("lookup", {})
        if key in memo:
            return memo[key]
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[key] = entry = self._lookup(words)
        return entry

    def _lookup(self, words: list[str]) -> Entry | None:
        found = self.entries.get(tuple(w.lower() for w in words))
        if not found:
            return None
        for entry in found:
            if not entry.exact_case or _case_matches(word_key_cased(entry.surface), words,
                                                     entry.kind in ("org", "software", "hardware")):
                return entry
        return None

    def ancestors(self, iri: URIRef) -> set[URIRef]:
        seen: set[URIRef] = set()
        todo = [iri]
        while todo:
            for up in self.broader.get(todo.pop(), ()):
                if up not in seen:
                    seen.add(up)
                    todo.append(up)
        return seen


def word_key_cased(text: str) -> list[str]:
    return [w for w in _SEP.split(text) if w]


def load_lexicon(files: tuple[Path, ...] | None = None) -> Lexicon:
    return _load(tuple(files) if files else tuple(ontology_files()))


@cache
def _load(files: tuple[Path, ...]) -> Lexicon:
    graph = Graph()
    for f in files:
        graph.parse(f, format="turtle")
    lex = Lexicon()
    for cls, kind in KINDS.items():
        for iri in graph.subjects(RDF.type, cls):
            label = str(graph.value(iri, RDFS.label) or "")
            if not isinstance(iri, URIRef) or not label:
                continue
            lex.labels[iri] = label
            if kind == "family":
                lex.families.add(label.lower())
                continue
            for surface in {label, *map(str, graph.objects(iri, SKOS.altLabel))}:
                for variant in _word_orders(surface):
                    lex.add(iri, kind, label, variant)
    for child, parent in graph.subject_objects(SKOS.broader):
        if isinstance(child, URIRef) and isinstance(parent, URIRef):
            lex.broader.setdefault(child, set()).add(parent)
    return lex


def _word_orders(surface: str) -> set[str]:
    """'hybrid SSM-Transformer' is also written 'SSM-Transformer hybrid' and
    'Transformer-SSM hybrid': hybrids name their parts in any order."""
    out = {surface}
    words = surface.split()
    if len(words) == 2 and "hybrid" in (words[0].lower(), words[1].lower()):
        body = words[1] if words[0].lower() == "hybrid" else words[0]
        parts = body.split("-")
        for b in {body, "-".join(reversed(parts))}:
            out |= {f"hybrid {b}", f"{b} hybrid", f"Hybrid {b}"}
    return out


def _acronym(word: str) -> bool:
    return any(c.isupper() for c in word[1:])


def _case_matches(surface: list[str], words: list[str], proper: bool) -> bool:
    """Acronym-like words (SSM, MoE) must match exactly or as a house-style variant, other
    words in any case; names of organisations, software and hardware match exactly throughout."""
    if len(surface) != len(words):
        return False
    return all(s == w or (_acronym(s) and _case_variant(s, w)) if (proper or _acronym(s))
               else s.lower() == w.lower() for s, w in zip(surface, words, strict=True))


def _case_variant(name: str, word: str) -> bool:
    """Spellings of one identifier that differ only in case, where case carries no meaning:
    set in capitals (FLASHATTENTION, LATENTMOE), a number format in any case (Int8, fp8,
    bf16), or capitalised as a word (Alibi). Short acronyms stay exact: "Rope" is not RoPE."""
    if name.lower() != word.lower():
        return False
    letters = sum(c.isalpha() for c in name)
    if any(c.isdigit() for c in name):
        return name.isupper() and word in (name.lower(), name.capitalize())
    return letters >= 5 and (word.isupper() or word == name.capitalize())
