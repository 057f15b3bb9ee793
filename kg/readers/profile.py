"""An author profile page: per paper a meta line, title, authors, then the abstract.

The meta line packs arXiv category, optional score, date and a `Code` flag, e.g.
`95.1LGApr 14Code` or `CLDec 23, 2025`. A date without a year takes the reference year.
"""

import re
from datetime import date

from kg.document import Document
from kg.readers import Reader, register
from kg.readers.dates import parse_date

META = re.compile(
    r"^(?P<score>\d{1,3}(?:\.\d+)?)?(?P<cat>[A-Z]{2,3})"
    r"(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}(?:, \d{4})?)"
    r"(?P<code>Code)?\s*$"
)
_AUTHORS_SEP = " \u00b7 "  # "Names et al. · affiliations"


def _sniff(text: str) -> bool:
    return any(META.match(line.strip()) for line in text.splitlines())


def _authors(line: str) -> tuple[list[str], list[str]]:
    names, _, affs = line.partition(_AUTHORS_SEP.strip())
    names = re.sub(r"\bet al\.?\s*$", "", names.strip()).strip()
    authors = [a.strip() for a in names.split(",") if a.strip()]
    affiliations = [a.strip() for a in affs.split(",") if a.strip()]
    return authors, affiliations


def _read(text: str, path: str, reference: date) -> list[Document]:
    lines = [line.strip() for line in text.splitlines()]
    starts = [i for i, line in enumerate(lines) if META.match(line)]
    docs = []
    for n, start in enumerate(starts, 1):
        end = starts[n] if n < len(starts) else len(lines)
        body = [line for line in lines[start + 1 : end] if line]
        if len(body) < 2:
            continue  # a meta line with no abstract after it: nothing to keep
        meta = META.match(lines[start])
        assert meta  # starts only holds matching lines
        title = body[0]
        has_authors = len(body) >= 3 and ("et al" in body[1] or _AUTHORS_SEP.strip() in body[1])
        authors, affs = _authors(body[1]) if has_authors else ([], [])
        abstract = " ".join(body[2:] if has_authors else body[1:])
        docs.append(
            Document(
                abstract=abstract,
                title=title,
                date=parse_date(meta.group("date"), reference),
                authors=authors,
                affiliations=affs,
                sources=[f"{path}#{n}"],
            )
        )
    return docs


READER = register(Reader("profile-page", _sniff, _read))
