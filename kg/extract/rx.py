"""Compiled patterns by source text. Relation rules build patterns from slot fragments;
looking them up in a plain dict is several times cheaper than `re`'s own cache, and the
rules run on every sentence."""

import re
from collections.abc import Iterator

_CACHE: dict[tuple[str, int], re.Pattern] = {}


def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    key = (pattern, flags)
    rx = _CACHE.get(key)
    if rx is None:
        rx = _CACHE[key] = re.compile(pattern, flags)
    return rx


def finditer(pattern: str, text: str, flags: int = 0) -> Iterator[re.Match]:
    return compiled(pattern, flags).finditer(text)


def search(pattern: str, text: str, flags: int = 0) -> re.Match | None:
    return compiled(pattern, flags).search(text)


def match(pattern: str, text: str, flags: int = 0) -> re.Match | None:
    return compiled(pattern, flags).match(text)
