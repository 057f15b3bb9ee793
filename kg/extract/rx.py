"""Compiled patterns by source text, each with a literal pre-filter.

Relation rules build patterns from slot fragments; looking them up in a plain dict is
several times cheaper than `re`'s own cache, and the rules run on every sentence.

Most rules fail on most sentences, and most fail for want of a word: "successor", "from",
a model slot "§M". So each pattern is read once (re's own parser) for the literal strings
any match must contain, at least one of a small set; a text holding none of them cannot
match, and `str.__contains__` says so far faster than the regex engine can. The check is
a necessary condition only, so results are exactly those of `re`.
"""

import re
from collections.abc import Iterator
from re import _constants as C  # noqa: PLC2701  (re's parser is stable across 3.11+)
from re import _parser as P  # noqa: PLC2701

_CACHE: dict[tuple[str, int], tuple[re.Pattern, tuple[str, ...] | None]] = {}
_PLAIN: dict[str, tuple[re.Pattern, tuple[str, ...] | None]] = {}  # the same, flags == 0
_MAX_ALTERNATIVES = 12  # more `in` tests than this cost about what the regex does

Need = frozenset[str] | None  # a match holds one of these strings; None: nothing known


def _better(a: Need, b: Need) -> Need:
    """The more selective of two necessary conditions: longer shortest string, then fewer."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _union(needs: list[Need]) -> Need:
    if any(n is None for n in needs):
        return None
    words = set().union(*needs)
    # "prun" in the text already covers "pruned": keep the shortest of nested strings
    words = {w for w in words if not any(v != w and v in w for v in words)}
    return frozenset(words) if len(words) <= _MAX_ALTERNATIVES else None


def needed(items) -> Need:
    """Strings one of which every match of the parsed pattern `items` contains."""
    best: Need = None
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        if op is C.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            need = None if add_flags & re.IGNORECASE else needed(sub)
        elif op is C.BRANCH:
            need = _union([needed(b) for b in av[1]])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            need = needed(sub) if lo >= 1 else None
        elif op is C.ATOMIC_GROUP:
            need = needed(av)
        else:  # classes, anchors, look-arounds, back-references: nothing to require
            need = None
        best = _better(best, need)
    if run:
        best = _better(best, frozenset(["".join(run)]))
    return best


def _entry(pattern: str, flags: int) -> tuple[re.Pattern, tuple[str, ...] | None]:
    key = (pattern, flags)
    hit = _CACHE.get(key)
    if hit is None:
        compiled_rx = re.compile(pattern, flags)
        need = None
        if not (compiled_rx.flags & re.IGNORECASE):
            need = needed(P.parse(pattern, flags))
        hit = _CACHE[key] = (compiled_rx, tuple(sorted(need, key=len)) if need else None)
        if not flags:
            _PLAIN[pattern] = hit
    return hit


def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    return _entry(pattern, flags)[0]


def _absent(need: tuple[str, ...] | None, text: str) -> bool:
    if need is None:
        return False
    for word in need:
        if word in text:
            return False
    return True


# The three calls below run a few hundred times per abstract: one dict look-up by the
# pattern string (flags are rare) and the `in` tests, inline.

def finditer(pattern: str, text: str, flags: int = 0) -> Iterator[re.Match]:
    hit = None if flags else _PLAIN.get(pattern)
    rx_, need = hit or _entry(pattern, flags)
    if need is not None:
        for word in need:
            if word in text:
                break
        else:
            return iter(())
    return rx_.finditer(text)


def search(pattern: str, text: str, flags: int = 0) -> re.Match | None:
    hit = None if flags else _PLAIN.get(pattern)
    rx_, need = hit or _entry(pattern, flags)
    if need is not None:
        for word in need:
            if word in text:
                break
        else:
            return None
    return rx_.search(text)


def match(pattern: str, text: str, flags: int = 0) -> re.Match | None:
    hit = None if flags else _PLAIN.get(pattern)
    rx_, need = hit or _entry(pattern, flags)
    if need is not None:
        for word in need:
            if word in text:
                break
        else:
            return None
    return rx_.match(text)
