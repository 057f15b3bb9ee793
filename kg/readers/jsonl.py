"""JSON Lines: one paper per line with keys title, abstract, date, authors, arxiv, url."""

import json
from datetime import date

from kg.document import Document
from kg.readers import Reader, register
from kg.readers.dates import parse_date


class BadLine(ValueError):
    """One unreadable line; the reader reports it and keeps the others."""


def _sniff(text: str) -> bool:
    first = text.lstrip()[:1]
    return first == "{" and '"abstract"' in text[:100_000]


def _authors(value: object) -> list[str]:
    if isinstance(value, str):
        return [a.strip() for a in value.split(",") if a.strip()]
    if isinstance(value, list):
        return [str(a).strip() for a in value if str(a).strip()]
    return []


def parse_line(line: str, where: str, reference: date) -> Document | None:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise BadLine("not a JSON object")
    abstract = obj.get("abstract")
    if not isinstance(abstract, str) or not abstract.strip():
        raise BadLine("no 'abstract' text")
    raw_date = obj.get("date")
    return Document(
        abstract=abstract.strip(),
        title=(obj.get("title") or None) and str(obj["title"]).strip(),
        date=parse_date(str(raw_date), reference) if raw_date else None,
        authors=_authors(obj.get("authors")),
        arxiv=(str(obj["arxiv"]).strip() or None) if obj.get("arxiv") else None,
        url=(str(obj["url"]).strip() or None) if obj.get("url") else None,
        sources=[where],
    )


def _read(text: str, path: str, reference: date) -> list[Document]:
    # Bad lines are skipped here; kg.corpus reads JSONL line by line to report them.
    docs = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                doc = parse_line(line, f"{path}#{n}", reference)
            except BadLine:
                continue
            if doc:
                docs.append(doc)
    return docs


READER = register(Reader("jsonl", _sniff, _read))
