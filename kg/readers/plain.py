"""Plain text: optional header lines (Title:, Authors:, Date:, arXiv:, URL:), then the abstract.

Several papers may share a file when each starts with its own `Title:` line.
"""

import re
from datetime import date

from kg.document import Document
from kg.readers import Reader, register
from kg.readers.dates import parse_date

_HEADER = re.compile(r"^(Title|Authors?|Date|arXiv|URL|Abstract):\s*(.*)$", re.IGNORECASE)
_ARXIV = re.compile(r"(\d{4}\.\d{4,5})(v\d+)?")
MIN_WORDS = 20  # below this a text is not an abstract


def _prose(text: str) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", text)
    return len(words) >= MIN_WORDS and re.search(r"[a-z]{3,}[.!?]", text) is not None


def _sniff(text: str) -> bool:
    return _prose(text)


def _chunks(lines: list[str]) -> list[list[str]]:
    starts = [i for i, line in enumerate(lines) if re.match(r"^Title:", line, re.IGNORECASE)]
    if len(starts) <= 1:
        return [lines]
    return [lines[s:e] for s, e in zip(starts, starts[1:] + [len(lines)], strict=True)]


def _read(text: str, path: str, reference: date) -> list[Document]:
    docs = []
    for n, chunk in enumerate(_chunks(text.splitlines()), 1):
        fields: dict[str, str] = {}
        body: list[str] = []
        for line in chunk:
            m = _HEADER.match(line.strip())
            if m and not body and m.group(1).lower() != "abstract":
                fields[m.group(1).lower().rstrip("s")] = m.group(2).strip()
            elif m and m.group(1).lower() == "abstract":
                body.append(m.group(2))
            elif line.strip() or body:
                body.append(line.strip())
        abstract = " ".join(x for x in body if x).strip()
        if not _prose(abstract):
            continue
        arxiv = _ARXIV.search(fields.get("arxiv", "") or fields.get("url", ""))
        docs.append(
            Document(
                abstract=abstract,
                title=fields.get("title") or None,
                date=parse_date(fields["date"], reference) if fields.get("date") else None,
                authors=[a.strip() for a in fields.get("author", "").split(",") if a.strip()],
                arxiv=arxiv.group(1) if arxiv else None,
                url=fields.get("url") or None,
                sources=[f"{path}#{n}"],
            )
        )
    return docs


READER = register(Reader("plain-text", _sniff, _read))
