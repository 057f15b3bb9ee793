"""Facts about single words for the name recognisers (kg.extract.mentions).

Whether a word can start a name, is a size, a version, an extension of a model name, and
what the name grammar makes of it as the head of a model name: none of it depends on the
word's neighbours, and the same words come back in every sentence of a paper and in both
passes of a build. So each fact is worked out once per lexicon and looked up after that
(tables bounded by MEMO_LIMIT, emptied when full).
"""

import re

from kg.extract import names as N
from kg.extract.lexicon import MEMO_LIMIT, Entry, Lexicon

_LOWER_NAME = re.compile(r"[a-z]+\d")  # "qwen2", "phi3": lower-case names carry a version
_DIGIT = re.compile(r"\d")
# what `head` makes of a word as the first token of a model name
NOT_HEAD, HEAD, CAMEL = 0, 1, 2  # CAMEL: a head only if a size follows ("DeepSeekMoE 16B")
# what `gate` makes of a word as the first token of any model name
NO_MODEL, PAIR_OR_HEAD, HEAD_ONLY = 0, 1, 2  # PAIR: may open "Music Flamingo"


def parts_of(text: str) -> list[str]:
    """Same as Token.parts: the pieces between hyphens."""
    return [p for p in text.split("-") if p]


def put(table: dict, key, value):
    if len(table) >= MEMO_LIMIT:
        table.clear()
    table[key] = value
    return value


class Words:
    def __init__(self, lex: Lexicon):
        self.lex, self.fam = lex, lex.families
        self._size: dict[str, bool] = {}
        self._longest: dict[str, int] = {}
        self._modified: dict[str, Entry | None] = {}
        self._gate: dict[str, int] = {}
        self._pair_next: dict[str, bool] = {}
        self._head: dict[str, tuple[int, bool]] = {}
        self._follow: dict[str, tuple[bool, bool, bool]] = {}
        self._trie_after: dict[str, dict | None] = {}
        self.starts_names: dict[str, tuple[int, dict | None]] = {}  # (longest, trie_after)
        self.dead_words: dict[str, bool] = {}
        # mentions._lexicon_at by the words it reads: the same names recur in every paragraph
        self.lexicon_at: dict[tuple[str, ...], tuple[int, Entry] | None] = {}

    def dead(self, text: str) -> bool:
        """No lexicon name and no model name starts with this word, whatever follows it:
        most words of a sentence, capitalised or not, are dismissed with this one look-up."""
        hit = self.dead_words.get(text)
        if hit is None:
            hit = put(self.dead_words, text, self._is_dead(text))
        return hit

    def _is_dead(self, text: str) -> bool:
        # straight from the rules, not through the other tables: a dead word is not looked
        # at again, and most words of a corpus are dead
        if text.isascii() and text.isalpha() and text.islower() and text not in self.lex.firsts \
                and text not in self.fam:
            return True  # a plain lower-case word ("the", "training"): what the rules say
        return self._dead_by_rules(text)

    def _dead_by_rules(self, text: str) -> bool:
        parts = parts_of(text)
        if parts and self.lex.firsts.get(parts[0].lower(), 0):
            return False  # longest(text) > 0
        gate = self._find_gate(text)
        return gate == NO_MODEL or (gate == HEAD_ONLY and self.head(text)[0] == NOT_HEAD)

    def size(self, text: str) -> bool:
        hit = self._size.get(text)
        return put(self._size, text, N.is_size(text)) if hit is None else hit

    def longest(self, text: str) -> int:
        """Words in the longest lexicon name the token's first part can start (0: none)."""
        hit = self._longest.get(text)
        if hit is None:
            parts = parts_of(text)
            hit = put(self._longest, text, self.lex.firsts.get(parts[0].lower(), 0) if parts else 0)
        return hit

    def name_start(self, text: str) -> tuple[int, dict | None]:
        """(longest, trie_after) of a token: what mentions._lexicon_at asks of its first word."""
        return put(self.starts_names, text, (self.longest(text), self.trie_after(text)))

    def trie_after(self, text: str) -> dict | None:
        """The lexicon trie's node after all the token's words (None: no name starts so);
        its keys are the words that can come next in a name."""
        if text in self._trie_after:
            return self._trie_after[text]
        node = self.lex.trie
        for part in parts_of(text):
            node = node.get(part.lower())
            if node is None:
                break
        return put(self._trie_after, text, node)

    def modified(self, text: str) -> Entry | None:
        """'NVFP4-quantized', 'FP8-based': the lexicon entry of a known name plus a modifier."""
        if text in self._modified:
            return self._modified[text]
        return put(self._modified, text, self._find_modified(text))

    def _find_modified(self, text: str) -> Entry | None:
        parts = parts_of(text)
        for k in range(len(parts) - 1, 0, -1):
            rest = [p.lower() for p in parts[k:]]
            plain = all(p.isalpha() and p.islower() for p in parts[k:]) or all(
                N.is_version(p) and not N.is_size(p) for p in parts[k:])
            if plain or all(r in N.MODIFIERS or r in {"training", "layers", "pre", "trained"}
                            for r in rest):
                entry = self.lex.lookup(parts[:k])
                if entry and (entry.kind != "technique" or not N.is_size(parts[-1])):
                    return entry
        return None

    def gate(self, text: str) -> int:
        hit = self._gate.get(text)
        if hit is None:
            hit = put(self._gate, text, self._find_gate(text))
        return hit

    def _find_gate(self, text: str) -> int:
        first = text.split("-")[0]
        if not text[0].isalpha() or (text[0].islower() and first.lower() not in self.fam
                                     and not _LOWER_NAME.match(first)):
            return NO_MODEL  # names start with a capital, or are a lower-case family ("gpt-oss")
        low = text.lower()
        if (text.isalpha() and text[0].isupper() and not text.isupper() and low not in N.STOP
                and low not in self.fam):
            return PAIR_OR_HEAD
        return HEAD_ONLY

    def pair_next(self, text: str) -> bool:
        """The second word of "Music Flamingo": a family word, not hyphenated."""
        hit = self._pair_next.get(text)
        if hit is None:
            hit = put(self._pair_next, text, "-" not in text and N.family_of(text, self.fam))
        return hit

    def head(self, text: str) -> tuple[int, bool]:
        """(NOT_HEAD, HEAD or CAMEL, whether the name is a bare family word) for a token
        opening a model name; see mentions._model_from for the context that completes it."""
        hit = self._head.get(text)
        if hit is None:
            hit = put(self._head, text, self._find_head(text))
        return hit

    def _find_head(self, text: str) -> tuple[int, bool]:
        fam = self.fam
        parts = parts_of(text)
        while len(parts) > 1 and parts[-1].lower() in N.MODIFIERS:
            parts = parts[:-1]
        if not parts or not parts[0][0].isalpha() or parts[0].lower() in N.STOP:
            return NOT_HEAD, False
        if N.LICENSE.match(text):
            return NOT_HEAD, False
        head_entry = self.lex.lookup(parts[:1])
        if head_entry is not None and head_entry.kind == "technique" and len(parts) > 1 and all(
                N.is_version(p) and not N.is_size(p) for p in parts[1:]):
            return NOT_HEAD, False  # "EAGLE-1" is a version of a technique, not a model
        head_family = N.family_of(parts[0], fam)
        exts = [p for p in parts[1:] if N.is_extension(p, fam)]
        strong = any(N.is_size(p) or N.is_version(p) or N.family_of(p, fam) for p in parts[1:])
        proper = any(c.isupper() for c in parts[0]) or any(c.isdigit() for c in parts[0])
        bare = len(parts) == 1 and not _DIGIT.search(parts[0])
        if len(parts) > 1 and (head_family or (proper and strong)):
            ok = head_family or len(exts) >= 1
        elif len(parts) == 1 and not head_family and any(c.isupper() for c in parts[0][1:]):
            return CAMEL, bare
        else:
            ok = head_family and (len(parts) == 1)
        return (HEAD if ok else NOT_HEAD), bare

    def follow(self, text: str) -> tuple[bool, bool, bool]:
        """For a token after a model name's head: (a sub-brand word like "NeMo" if a size
        follows, an extension of the name, a bare version number)."""
        hit = self._follow.get(text)
        if hit is None:
            nxt = parts_of(text)
            sub = len(nxt) == 1 and nxt[0][:1].isupper() and nxt[0].lower() not in N.STOP
            # "the Qwen2.5-32B base model": a lower-case "base" after a space describes the checkpoint
            ext = bool(nxt) and all(N.is_extension(p, self.fam) for p in nxt) and text[0].isalnum() \
                and text != "base"
            version = bool(nxt) and nxt[0].isdigit() and N.is_version(nxt[0]) and not N.is_size(nxt[0])
            hit = put(self._follow, text, (sub, ext, version))
        return hit


def words_of(lex: Lexicon) -> Words:
    hit = lex.memo.get("words")
    if hit is None:
        hit = lex.memo["words"] = Words(lex)
    return hit
