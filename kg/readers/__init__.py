"""Corpus layouts as a registry: each reader says whether a text is its layout and reads it.

Add a layout by writing a `Reader` and calling `register`; `detect` tries them in order.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kg.document import Document


@dataclass(frozen=True)
class Reader:
    name: str
    sniff: Callable[[str], bool]
    read: Callable[[str, str, date], list[Document]]  # (text, source path, reference date)


_REGISTRY: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    _REGISTRY[reader.name] = reader
    return reader


def readers() -> list[Reader]:
    return list(_REGISTRY.values())


def detect(text: str) -> Reader | None:
    return next((r for r in _REGISTRY.values() if r.sniff(text)), None)


# Registration order is detection order: most specific layouts first.
from kg.readers import jsonl, profile, abstract_lines, plain  # noqa: E402,F401,I001
