"""Compiled patterns by source text, each with a literal pre-filter.

Relation rules build patterns from slot fragments; looking them up in a plain dict is
several times cheaper than `re`'s own cache, and the rules run on every sentence.

Most rules fail on most sentences, and most fail for want of a word: "successor", "from",
a model slot "§M". So each pattern is read once (re's own parser) for the literal strings
any match must contain: a few sets of strings, one of each set in every match ("train"
or "tun", and "§M", and "create" or "obtain"). A text lacking one of a set cannot match,
and `str.__contains__` says so far faster than the regex engine can. Case-blind patterns
are checked the same way on the lower-cased text, where that is exact (see `_folded`). The
checks are necessary conditions only, so results are exactly those of `re`.
"""

import re
from collections.abc import Iterator
from re import _constants as C  # noqa: PLC2701  (re's parser is stable across 3.11+)
from re import _parser as P  # noqa: PLC2701

Need = frozenset[str] | None  # a match holds one of these strings; None: nothing known
Needs = tuple[tuple[str, ...], ...] | None  # a match holds one string of every set
Entry = tuple[re.Pattern, Needs, bool]  # compiled, its needs, whether they are lower-cased

_CACHE: dict[tuple[str, int], Entry] = {}
_PLAIN: dict[str, Entry] = {}  # the same, flags == 0
_MAX_ALTERNATIVES = 12  # more `in` tests than this cost about what the regex does
_MAX_CLASS = 4  # a class of up to this many characters ("[Ww]") still makes strings
_MAX_SETS = 4  # sets checked per pattern: the most selective ones
_MAX_PATTERNS = 20_000  # patterns named after a paper's words (siblings) would grow it forever


def _better(a: Need, b: Need) -> Need:
    """The more selective of two necessary conditions: longer shortest string, then fewer."""
    if a is None:
        return b
    if b is None:
        return a
    return a if _rank(a) >= _rank(b) else b


# words nearly every abstract's sentence holds: a set with one of them turns few sentences
# away however long its strings ("which|that" ranks below "call|name|dub|term")
_COMMON = frozenset({"the", "and", "that", "which", "with", "for", "this", "our", "are", "from",
                     "model", "models"})


def _rank(need: frozenset[str]) -> tuple[bool, int, int]:
    """Sets free of common words first, then by the longest shortest string, then fewest."""
    return not any(w.lower() in _COMMON for w in need), min(map(len, need)), -len(need)


def _union(needs: list[Need]) -> Need:
    if any(n is None for n in needs):
        return None
    words = set().union(*needs)
    # "prun" in the text already covers "pruned": keep the shortest of nested strings
    words = {w for w in words if not any(v != w and v in w for v in words)}
    return frozenset(words) if len(words) <= _MAX_ALTERNATIVES else None


def _chars(op, av) -> list[str] | None:
    """The characters one item matches, if it is a literal or a small set of them."""
    if op is C.LITERAL:
        return [chr(av)]
    if op is C.IN and len(av) <= _MAX_CLASS and all(o is C.LITERAL for o, _ in av):
        return [chr(v) for _, v in av]
    return None


_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)  # \b, ^, $, look-arounds


def all_needed(items) -> list[frozenset[str]]:
    """Conditions every match of the parsed pattern `items` meets, all of them at once."""
    out: list[frozenset[str]] = []
    run = [""]  # the strings a run of literals (and small classes) can spell

    def flush() -> None:
        if run != [""] and len(run) <= _MAX_ALTERNATIVES:
            out.append(frozenset(run))

    for op, av in items:
        if op in _ZERO_WIDTH:  # consumes nothing: the literals either side are adjacent
            continue
        chars = _chars(op, av)
        if chars is not None and len(run) * len(chars) <= _MAX_ALTERNATIVES:
            run = [s + c for s in run for c in chars]
            continue
        flush()
        run = [""]
        if chars is not None:  # a class too large to extend the run: it starts a new one
            run = chars
        elif op is C.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not add_flags & re.IGNORECASE:
                out += all_needed(sub)
        elif op is C.BRANCH:
            need = _union([needed(b) for b in _spelled_out(av[1])])
            if need is not None:
                out.append(need)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            if lo >= 1:
                out += all_needed(sub)
        elif op is C.ATOMIC_GROUP:
            out += all_needed(av)
        # classes, anchors, look-arounds, back-references: nothing to require
    flush()
    return out


def _spelled_out(branches) -> list[list]:
    r"""Alternatives that end in a branch, one per alternative of that branch: at_word's
    "u(?<!\w.)(?:ses?|sing)" reads as "u(?<!\w.)ses?" and "u(?<!\w.)sing", each with its own
    strings ("use", "using"), as if written apart (re's parser groups shared prefixes too)."""
    out: list[list] = []
    for b in branches:
        if b and b[-1][0] is C.BRANCH and len(out) + len(b[-1][1][1]) <= 4 * _MAX_ALTERNATIVES:
            out += _spelled_out([list(b[:-1]) + list(sub) for sub in b[-1][1][1]])
        else:
            out.append(b)
    return out


def needed(items) -> Need:
    """The most selective single condition of `all_needed`."""
    best: Need = None
    for need in all_needed(items):
        best = _better(best, need)
    return best


def _select(needs: list[frozenset[str]], fold: bool) -> Needs:
    """The most selective sets, each shortest-string first; lower-cased for a case-blind
    pattern (then only sets that lower-casing keeps exact, see `_folded`)."""
    if fold:
        needs = [frozenset(w.lower() for w in n) for n in needs
                 if all(c.isascii() or c == "§" for w in n for c in w)]
    # a set that holds a string of another set is implied by it: "§M" implies "§"
    kept: list[frozenset[str]] = []
    for n in sorted(set(needs), key=lambda n: (_rank(n), sorted(n)), reverse=True):
        if not any(all(any(v in w for v in n) for w in k) for k in kept):
            kept.append(n)
    return tuple(tuple(sorted(n, key=len)) for n in kept[:_MAX_SETS]) or None


def _entry(pattern: str, flags: int) -> Entry:
    key = (pattern, flags)
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) >= _MAX_PATTERNS:
            _CACHE.clear()
            _PLAIN.clear()
        compiled_rx = re.compile(pattern, flags)
        fold = bool(compiled_rx.flags & re.IGNORECASE)
        hit = _CACHE[key] = (compiled_rx, _select(all_needed(P.parse(pattern, flags)), fold), fold)
        if not flags:
            _PLAIN[pattern] = hit
    return hit


class Filtered:
    """A pattern compiled once (a module constant) with the same pre-filter as `finditer`."""

    def __init__(self, pattern: re.Pattern):
        self.pattern, self.groups = pattern, pattern.groups
        self.fold = bool(pattern.flags & re.IGNORECASE)
        self.needs = _select(all_needed(P.parse(pattern.pattern, pattern.flags)), self.fold)

    def finditer(self, text: str) -> Iterator[re.Match]:
        if self.needs is not None and _absent(self.needs, text, self.fold):
            return iter(())
        return self.pattern.finditer(text)


def filtered(pattern: str, flags: int = 0) -> Filtered:
    """`re.compile` for a module constant whose `finditer` runs on every sentence."""
    return Filtered(re.compile(pattern, flags))


def may_match(pattern: str, text: str, flags: int = 0) -> bool:
    """False when the pre-filter alone shows that `pattern` cannot match in `text`: a rule can
    skip costlier tests it makes before it runs the pattern."""
    _rx, needs, fold = _entry(pattern, flags)
    return not _absent(needs, text, fold)


def at_word(*alternatives: str) -> str:
    r"""`\b(?:a|b|...)`, for alternatives that each start with a letter or a class of letters
    ("[Ww]e"), written so that `re` skips to those letters: a pattern starting with \b gets no
    skip and is tried at every position, and re skips only to the plain first letters of a
    branch. After the first letter, (?<!\w.) says what \b said before it (no word character
    before the letter), so the matches are the same. Alternatives are grouped by first letter
    ("u(?<!\w.)(?:ses?|sing)"): at a letter re tries one branch per letter, not every word
    (three times faster for the 50 usage verbs). Two alternatives with different first letters
    never match at one place, and each group keeps its words' order, so the matches are the same."""
    groups: dict[str, list[str]] = {}  # first letter -> the rest of each alternative, in order
    for a in alternatives:
        if a.startswith("["):  # "[Ww]e": "We" or "we", two alternatives that never both match
            letters, rest = a[1:a.index("]")], a[a.index("]") + 1:]
        else:
            letters, rest = a[0], a[1:]
        assert letters.isascii() and letters.isalpha(), a
        for c in letters:
            groups.setdefault(c, []).append(rest)
    return "(?:" + "|".join(c + r"(?<!\w.)" + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
                            for c, rests in groups.items()) + ")"


def folded(text: str) -> str | None:
    """`text` lower-cased where a case-blind pattern of lower-case letters matches it exactly
    as its case-sensitive form matches the lower-cased text, at the same offsets (see `_folded`);
    else None."""
    return _folded(text)


def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    return _entry(pattern, flags)[0]


_LAST_FOLDED: list = [None, None]  # the last text `_folded` read, and its answer


def _folded(text: str) -> str | None:
    """`text` lower-cased, where a case-blind regex matches a literal exactly where the
    lower-cased text holds it lower-cased: ASCII text, with the "§" of slots ('ſ', 'İ', the
    Kelvin sign... have case rules of their own). None elsewhere: no filter. The last answer
    is kept: case-blind patterns test the same sentence one after another."""
    if text is _LAST_FOLDED[0]:
        return _LAST_FOLDED[1]
    folded = text.lower() if text.isascii() or text.replace("§", "").isascii() else None
    _LAST_FOLDED[:] = text, folded
    return folded


def _absent(needs: Needs, text: str, fold: bool = False) -> bool:
    """True when `text` misses every string of one of the sets: the pattern cannot match."""
    if needs is None:
        return False
    if fold:
        text = _folded(text)
        if text is None:
            return False
    for need in needs:
        for word in need:
            if word in text:
                break
        else:
            return True
    return False


# The three calls below run a few hundred times per abstract: one dict look-up by the
# pattern string (flags are rare) and the `in` tests, inline for case-sensitive patterns.

def finditer(pattern: str, text: str, flags: int = 0) -> Iterator[re.Match]:
    rx_, needs, fold = (None if flags else _PLAIN.get(pattern)) or _entry(pattern, flags)
    if needs is not None:
        if fold:
            if _absent(needs, text, fold):
                return iter(())
        else:
            for need in needs:
                for word in need:
                    if word in text:
                        break
                else:
                    return iter(())
    return rx_.finditer(text)


def search(pattern: str, text: str, flags: int = 0) -> re.Match | None:
    rx_, needs, fold = (None if flags else _PLAIN.get(pattern)) or _entry(pattern, flags)
    if needs is not None:
        if fold:
            if _absent(needs, text, fold):
                return None
        else:
            for need in needs:
                for word in need:
                    if word in text:
                        break
                else:
                    return None
    return rx_.search(text)


def match(pattern: str, text: str, flags: int = 0) -> re.Match | None:
    rx_, needs, fold = (None if flags else _PLAIN.get(pattern)) or _entry(pattern, flags)
    if needs is not None:
        if fold:
            if _absent(needs, text, fold):
                return None
        else:
            for need in needs:
                for word in need:
                    if word in text:
                        break
                else:
                    return None
    return rx_.match(text)
