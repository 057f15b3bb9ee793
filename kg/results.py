"""Query results independent of the store, and their text, JSON and CSV renderings.

Cells are `Term`s: plain strings (the IRI, the literal's lexical value, `_:id` for a
blank node) that also remember their RDF kind, so callers can compare them with
ordinary strings while `to_json` can still write the SPARQL 1.1 JSON results format.
"""

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

RES_NS = "https://w3id.org/mlkg/resource/"
MLKG_NS = "https://w3id.org/mlkg/ontology#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
_SHORT = ((RES_NS, "res:"), (MLKG_NS, "mlkg:"))
_NUMERIC = {XSD_NS + t for t in ("integer", "decimal", "double", "float", "long", "int")}

Kind = Literal["uri", "literal", "bnode", "triple"]


class Term(str):
    """A result cell: a `str` equal to its plain rendering, with the RDF details attached."""

    kind: Kind
    datatype: str | None
    lang: str | None

    def __new__(
        cls,
        value: str,
        kind: Kind = "literal",
        datatype: str | None = None,
        lang: str | None = None,
    ) -> "Term":
        term = super().__new__(cls, value)
        term.kind, term.datatype, term.lang = kind, datatype, lang
        return term

    def __reduce__(self):  # keep the attributes through pickle and copy
        return (Term, (str(self), self.kind, self.datatype, self.lang))


Cell = str | None  # a Term, or a plain str taken as a literal; None when unbound


@dataclass
class Result:
    """One query answer. Graph results (CONSTRUCT/DESCRIBE) are rows of subject, predicate,
    object, with the same triples as N-Triples in `serialized`."""

    kind: Literal["select", "ask", "graph"]
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    boolean: bool | None = None
    serialized: bytes = b""

    @property
    def triples(self) -> list[tuple[Cell, ...]]:
        return self.rows if self.kind == "graph" else []

    def records(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.vars, row, strict=True)) for row in self.rows]

    def column(self, var: str) -> list[Cell]:
        i = self.vars.index(var)
        return [row[i] for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


def shorten(value: str) -> str:
    for ns, prefix in _SHORT:
        if value.startswith(ns):
            return prefix + value[len(ns) :]
    return value


def _is_number(cell: Cell) -> bool:
    return isinstance(cell, Term) and cell.datatype in _NUMERIC


def to_table(result: Result, max_width: int | None = None) -> str:
    """An aligned text table; IRIs under res: and mlkg: are shortened, numbers right-aligned."""
    if result.kind == "ask":
        return "true" if result.boolean else "false"

    def show(cell: Cell) -> str:
        text = "" if cell is None else " ".join(str(cell).split())  # one line per row
        if isinstance(cell, Term) and cell.kind == "uri":
            text = shorten(text)
        if max_width and len(text) > max_width:
            text = text[: max_width - 1] + "…"
        return text

    cells = [[show(c) for c in row] for row in result.rows]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(result.vars)]
    right = [
        bool(result.rows) and all(r[i] is None or _is_number(r[i]) for r in result.rows)
        for i in range(len(result.vars))
    ]

    def line(values: Sequence[str]) -> str:
        parts = (
            v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right, strict=True)
        )
        return "  ".join(parts).rstrip()

    out = [line(result.vars), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    n = len(result.rows)
    out.append(f"({n} row{'' if n == 1 else 's'})")
    return "\n".join(out)


def _json_term(cell: str) -> dict[str, str]:
    kind = cell.kind if isinstance(cell, Term) else "literal"
    if kind == "bnode":
        return {"type": "bnode", "value": cell.removeprefix("_:")}
    if kind == "uri":
        return {"type": "uri", "value": str(cell)}
    term = {"type": "literal", "value": str(cell)}
    if isinstance(cell, Term) and cell.lang:
        term["xml:lang"] = cell.lang
    elif isinstance(cell, Term) and cell.datatype and cell.datatype != XSD_NS + "string":
        term["datatype"] = cell.datatype
    return term


def to_json(result: Result, truncated: bool = False, indent: int | None = 2) -> str:
    """SPARQL 1.1 Query Results JSON; graph results as bindings of subject/predicate/object.
    `truncated` adds a top-level flag (allowed: clients ignore unknown members)."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=indent)
    bindings = [
        {v: _json_term(c) for v, c in zip(result.vars, row, strict=True) if c is not None}
        for row in result.rows
    ]
    doc: dict[str, object] = {"head": {"vars": result.vars}, "results": {"bindings": bindings}}
    if truncated:
        doc["truncated"] = True
    separators = None if indent is not None else (",", ":")
    return json.dumps(doc, indent=indent, ensure_ascii=False, separators=separators)


def to_csv(result: Result) -> str:
    """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends, empty for unbound."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
    else:
        writer.writerow(result.vars)
        writer.writerows(["" if c is None else str(c) for c in row] for row in result.rows)
    return buf.getvalue()
