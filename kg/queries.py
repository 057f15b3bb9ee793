"""The named-query library: one SPARQL file per query in queries/, with a `#+` header.

    #+ summary: Models by total parameter count, largest first
    #+ params:
    #+   - min: smallest total parameter count (optional)
    #+   - max: largest total parameter count (optional)
    #+ defaults: min=0
    #+ example: min=50B, max=200B

A parameter NAME appears in the body as `?_NAME` (or `$_NAME`). `bind` replaces it by
an escaped SPARQL string literal, so a value can never change the query's structure.
An optional parameter that is not given takes its default, or the empty string ""
when it has none; queries test `?_NAME = ""` to mean "no constraint".
Two forms derive from each parameter, both constants in the text so a store can look them
up by index: `?_NAME_key`, the value's name key (`name_key`), finds a thing by any of its
names (`?thing mlkg:nameKey ?_NAME_key`); `?_NAME_iri` is the value as an IRI (`res:` for
the resource namespace), or an IRI that names nothing when the value is not one.
`defaults` and `example` are `name=value` pairs separated by commas; a value may hold
commas unless the name of a parameter and `=` follow one.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.resources import data_dir
from kg.results import RES_NS

_VAR = re.compile(r"[?$]_([A-Za-z][A-Za-z0-9_]*)")
_NAME = r"[A-Za-z][A-Za-z0-9_]*"
_KEY = re.compile(r"#\+\s*(\w+)\s*:\s*(.*?)\s*$")
_ITEM = re.compile(rf"#\+\s+-\s*({_NAME})\s*:\s*(.*?)\s*$")
_OPTIONAL = re.compile(r"\s*\(optional\)\s*$", re.IGNORECASE)
_KEY_STRIP = re.compile(r"[\s_-]+")
_KEY_SUFFIX, _IRI_SUFFIX = "_key", "_iri"
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*")  # SPARQL's IRIREF, absolute
NO_IRI = "<urn:x-mlkg:not-an-iri>"
_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
)


class QueryHeaderError(ValueError):
    """A malformed `#+` header; the message starts with `file:line:`."""


class QueryParamError(ValueError):
    """Missing or unknown parameters given to `NamedQuery.bind`."""


@dataclass(frozen=True)
class Param:
    name: str
    description: str = ""
    optional: bool = False
    default: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    params: tuple[Param, ...]
    example: dict[str, str] = field(default_factory=dict, hash=False)
    text: str = ""

    def bind(self, values: Mapping[str, str] | None = None) -> str:
        """The query text with every `?_param` replaced by its value as a string literal."""
        values = dict(values or {})
        known = [p.name for p in self.params]
        unknown = sorted(set(values) - set(known))
        if unknown:
            expected = ", ".join(known) or "no parameters"
            raise QueryParamError(
                f"query {self.name!r}: unknown parameter(s) {', '.join(unknown)} "
                f"(expected: {expected})"
            )
        missing = [p.name for p in self.params if not p.optional and p.name not in values]
        if missing:
            raise QueryParamError(f"query {self.name!r}: missing parameter(s) {', '.join(missing)}")
        bound = {
            p.name: str(values[p.name]) if p.name in values else (p.default or "")
            for p in self.params
        }
        terms = {p: sparql_literal(v) for p, v in bound.items()}
        for pname, value in bound.items():
            terms.setdefault(pname + _KEY_SUFFIX, sparql_literal(name_key(value)))
            terms.setdefault(pname + _IRI_SUFFIX, name_iri(value))
        # one pass, so text inside a substituted value is never substituted again
        return _VAR.sub(lambda m: terms.get(m[1], m[0]), self.text)


def name_key(name: str) -> str:
    """A name as the store's name index keys it: lower case, no spaces, - or _. The store
    computes the same in SPARQL (kg.store.index_names), `REPLACE(LCASE(?n), "[\\s_-]+", "")`."""
    return _KEY_STRIP.sub("", name.lower())


def name_iri(value: str) -> str:
    """`value` as a SPARQL IRI term: itself if an absolute IRI, `res:x` in the resource
    namespace, else NO_IRI."""
    iri = RES_NS + value[4:] if value.startswith("res:") else value
    return f"<{iri}>" if _IRI.fullmatch(iri) else NO_IRI


def sparql_literal(value: str) -> str:
    """`value` as a SPARQL double-quoted string literal."""
    return '"' + value.translate(_ESCAPES) + '"'


def parse_query(text: str, name: str, source: str = "<string>") -> NamedQuery:
    """Read the `#+` header of one query; errors name `source` and the line."""
    fields: dict[str, tuple[int, str]] = {}
    params: list[tuple[int, str, str]] = []
    in_params = False
    body_started = False
    body_uses: dict[str, int] = {}

    def fail(lineno: int, message: str) -> QueryHeaderError:
        return QueryHeaderError(f"{source}:{lineno}: {message}")

    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("#+"):
            if body_started:
                raise fail(lineno, "header line after the start of the query")
            if item := _ITEM.match(line):
                if not in_params:
                    raise fail(lineno, "parameter item outside `params:`")
                params.append((lineno, item[1], item[2]))
                continue
            key = _KEY.match(line)
            if not key or key[1] not in ("summary", "params", "defaults", "example"):
                raise fail(lineno, f"expected `#+ summary|params|defaults|example: ...`: {raw!r}")
            if key[1] in fields:
                raise fail(lineno, f"duplicate `{key[1]}`")
            fields[key[1]] = (lineno, key[2])
            in_params = key[1] == "params"
            if in_params and key[2] not in ("", "[]", "none"):
                raise fail(lineno, "list parameters on the lines below `params:`, or write []")
            continue
        in_params = False
        if line and not line.startswith("#"):
            body_started = True
            for m in _VAR.finditer(line):
                body_uses.setdefault(m[1], lineno)

    if not fields.get("summary", (0, ""))[1]:
        raise fail(1, "missing `#+ summary:` header")
    if "params" not in fields:
        raise fail(1, "missing `#+ params:` header (`#+ params: []` when there are none)")

    declared: dict[str, int] = {}
    for lineno, pname, _ in params:
        if pname in declared:
            raise fail(lineno, f"parameter {pname!r} is declared twice")
        declared[pname] = lineno
    defaults = _pairs(fields, "defaults", declared, fail)
    example = _pairs(fields, "example", declared, fail)
    for pname in [u for u in body_uses if u not in declared]:
        of = pname.removesuffix(_KEY_SUFFIX).removesuffix(_IRI_SUFFIX)
        if of != pname and of in declared:  # ?_model_key, ?_model_iri use `model`
            body_uses.setdefault(of, body_uses.pop(pname))
    for pname, lineno in declared.items():
        if pname not in body_uses:
            raise fail(lineno, f"parameter {pname!r} is not used as ?_{pname} in the query")
    for pname, lineno in body_uses.items():
        if pname not in declared:
            raise fail(lineno, f"?_{pname} is not a declared parameter")

    plist = []
    for _, pname, desc in params:
        optional = bool(_OPTIONAL.search(desc)) or pname in defaults
        plist.append(Param(pname, _OPTIONAL.sub("", desc), optional, defaults.get(pname)))
    if "example" in fields:
        if missing := [p.name for p in plist if not p.optional and p.name not in example]:
            raise fail(fields["example"][0], f"example lacks parameter(s) {', '.join(missing)}")
    return NamedQuery(name, fields["summary"][1], tuple(plist), example, text)


def _pairs(
    fields: dict[str, tuple[int, str]],
    key: str,
    declared: dict[str, int],
    fail: Callable[[int, str], QueryHeaderError],
) -> dict[str, str]:
    lineno, text = fields.get(key, (0, ""))
    out: dict[str, str] = {}
    # split at commas followed by `param=`, so values may hold other commas
    names = "|".join(sorted(declared, key=len, reverse=True)) or "(?!)"
    for pair in re.split(rf",\s*(?=(?:{names})\s*=)", text) if text else []:
        pname, sep, value = pair.partition("=")
        pname = pname.strip()
        if not sep or pname not in declared:
            raise fail(lineno, f"`{key}`: {pair.strip()!r} is not name=value for a declared param")
        out[pname] = value.strip()
    return out


def load_queries(folder: str | Path | None = None) -> dict[str, NamedQuery]:
    """Every `NAME.rq` in `folder` (default: the packaged queries/), by NAME."""
    root = Path(folder) if folder is not None else data_dir("queries")
    queries = {}
    for path in sorted(root.glob("*.rq")):
        queries[path.stem] = parse_query(path.read_text(encoding="utf-8"), path.stem, str(path))
    return queries
