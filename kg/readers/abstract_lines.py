"""Lines `Abstract: ...`, sometimes after a leading line holding a person's name."""

import re
from datetime import date

from kg.document import Document
from kg.readers import Reader, register

_LINE = re.compile(r"^\s*Abstract:\s*(.+?)\s*$", re.MULTILINE)


def _sniff(text: str) -> bool:
    return _LINE.search(text) is not None


def _read(text: str, path: str, reference: date) -> list[Document]:
    return [
        Document(abstract=m.group(1), sources=[f"{path}#{n}"])
        for n, m in enumerate(_LINE.finditer(text), 1)
        if m.group(1).strip()
    ]


READER = register(Reader("abstract-lines", _sniff, _read))
