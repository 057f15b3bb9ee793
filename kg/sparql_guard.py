"""Refuse, before it runs, what a read-only public SPARQL endpoint must not run.

Checked on the parse tree of rdflib's SPARQL 1.1 parser, never by pattern matching on
the text (a keyword inside a string, an IRI or a comment is not a keyword):

- any SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, ...): the endpoint is read-only;
- SERVICE: Oxigraph and rdflib would send a request to any host the query names;
- FROM / FROM NAMED naming a graph that is not served (rdflib fetches such IRIs, even
  `file://` ones); the served graphs are the only ones a query may name.

rdflib's parser is slow (tens of milliseconds for a named query), so verdicts are cached
by query text. A query it cannot parse is refused with its message.
"""

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from urllib.parse import urljoin

from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

Form = Literal["select", "ask", "construct", "describe"]
_FORMS: dict[str, Form] = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
                           "DescribeQuery": "describe"}
MAX_QUERY_CHARS = 100_000


class QueryRejected(ValueError):
    """A query the endpoint will not run; `status` is the HTTP status to answer with."""

    status = 400


class MalformedQuery(QueryRejected):
    status = 400


class ForbiddenQuery(QueryRejected):
    status = 403


class UpdateRefused(ForbiddenQuery):
    """A SPARQL Update (INSERT, DELETE, LOAD, ...)."""


class ServiceRefused(ForbiddenQuery):
    """A query with SERVICE."""


@dataclass(frozen=True)
class CheckedQuery:
    form: Form
    from_graphs: tuple[str, ...] = ()  # FROM
    from_named: tuple[str, ...] = ()  # FROM NAMED

    @property
    def has_dataset(self) -> bool:
        return bool(self.from_graphs or self.from_named)


def inspect_query(text: str) -> CheckedQuery:
    """The query's form and dataset; QueryRejected for updates, SERVICE and bad syntax."""
    checked = _check(text)
    if isinstance(checked, QueryRejected):
        raise type(checked)(str(checked))  # a fresh exception: the cached one keeps no traceback
    return checked


def check_query(text: str, served_graphs: Collection[str] = ()) -> CheckedQuery:
    """`inspect_query`, and FROM / FROM NAMED may name only `served_graphs`."""
    checked = inspect_query(text)
    for keyword, iris in (("FROM", checked.from_graphs), ("FROM NAMED", checked.from_named)):
        for iri in iris:
            if iri not in served_graphs:
                served = ", ".join(f"<{g}>" for g in sorted(served_graphs)) or "none"
                raise ForbiddenQuery(f"{keyword} <{iri}> is not allowed: a query may only name the "
                                     f"served graphs ({served})")
    return checked


def check_graphs(iris: Collection[str], served_graphs: Collection[str]) -> None:
    """The protocol's default-graph-uri / named-graph-uri must name served graphs too."""
    for iri in iris:
        if iri not in served_graphs:
            raise ForbiddenQuery(f"graph <{iri}> is not served here")


@lru_cache(maxsize=1024)
def _check(text: str) -> CheckedQuery | QueryRejected:
    if len(text) > MAX_QUERY_CHARS:
        return MalformedQuery(f"query too long: {len(text)} characters (at most {MAX_QUERY_CHARS})")
    try:
        parsed = parseQuery(text)
    except Exception as err:  # pyparsing's ParseException, or RecursionError on absurd nesting
        if _is_update(text):
            return UpdateRefused("SPARQL Update is not allowed: this endpoint is read-only")
        return MalformedQuery(f"malformed query: {err}")
    prologue, query = parsed[0], parsed[1]
    for node in _nodes(query):
        if node.name == "ServiceGraphPattern":
            return ServiceRefused("SERVICE is not allowed: this endpoint does not query other endpoints")
    prefixes, base = _prologue(prologue)
    default: list[str] = []
    named: list[str] = []
    for clause in _field(query, "datasetClause") or ():
        if (iri := _field(clause, "default")) is not None:
            default.append(_iri(iri, prefixes, base))
        if (iri := _field(clause, "named")) is not None:
            named.append(_iri(iri, prefixes, base))
    return CheckedQuery(_FORMS.get(query.name, "select"), tuple(default), tuple(named))


def _field(node: CompValue, key: str) -> object:
    return dict.get(node, key)  # CompValue.get answers the key itself for a missing key


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _nodes(root: object) -> Iterator[CompValue]:
    """Every CompValue of a parse tree, without recursion (nesting may be deep)."""
    stack = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif not isinstance(item, str | bytes) and hasattr(item, "__iter__"):
            stack.extend(item)


def _prologue(prologue: object) -> tuple[dict[str, str], str | None]:
    prefixes: dict[str, str] = {}
    base = None
    for decl in prologue or ():
        for node in decl if not isinstance(decl, CompValue) else [decl]:
            if not isinstance(node, CompValue):
                continue
            if node.name == "Base":
                base = urljoin(base or "", str(_field(node, "iri")))
            elif node.name == "PrefixDecl":
                prefixes[str(_field(node, "prefix") or "")] = urljoin(base or "", str(_field(node, "iri")))
    return prefixes, base


def _iri(term: object, prefixes: dict[str, str], base: str | None) -> str:
    if isinstance(term, CompValue) and term.name == "pname":
        prefix = str(_field(term, "prefix") or "")
        local = str(_field(term, "localname") or "")
        if prefix not in prefixes:  # the query will fail to run anyway; name what was written
            return f"{prefix}:{local}"
        return prefixes[prefix] + local
    return urljoin(base, str(term)) if base else str(term)
