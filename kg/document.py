"""A paper as read from a corpus file, before extraction."""

import hashlib
import re
from dataclasses import dataclass, field

_WS = re.compile(r"\s+")


def abstract_key(abstract: str) -> str:
    """Identity of an abstract across files: hash of its whitespace-normalised text."""
    norm = _WS.sub(" ", abstract).strip().lower()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


@dataclass
class Document:
    abstract: str
    title: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    authors: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    arxiv: str | None = None
    url: str | None = None
    sources: list[str] = field(default_factory=list)  # "path#N": file and position in it

    @property
    def key(self) -> str:
        return abstract_key(self.abstract)

    def merge(self, other: "Document") -> None:
        """Fill what this copy lacks from another copy of the same abstract."""
        for name in ("title", "date", "arxiv", "url"):
            if getattr(self, name) is None and getattr(other, name) is not None:
                setattr(self, name, getattr(other, name))
        for name in ("authors", "affiliations"):
            if not getattr(self, name):
                setattr(self, name, list(getattr(other, name)))
        self.sources.extend(s for s in other.sources if s not in self.sources)
