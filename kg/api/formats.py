"""Content negotiation and the SPARQL 1.1 result formats.

SELECT / ASK: JSON, XML, CSV, TSV (W3C SPARQL 1.1 Query Results formats). CONSTRUCT /
DESCRIBE: Turtle, N-Triples, JSON-LD, RDF/XML, N3 (re-serialized by kg.store). A cut
answer (row limit) says so in the `X-MLKG-Truncated` header, and inside the body where
the format has room: `"truncated": true` in JSON, a comment in XML, Turtle and N-Triples.
"""

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from kg.results import XSD_NS, Result, Term, to_csv, to_json
from kg.store import convert_rdf

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"
N3 = "text/n3"
HTML = "text/html"

# offered media type -> the format written, in the server's order of preference
SOLUTION_TYPES = {JSON: JSON, "application/json": JSON, XML: XML, "application/xml": XML,
                  "text/xml": XML, CSV: CSV, TSV: TSV}
GRAPH_TYPES = {TURTLE: TURTLE, "application/turtle": TURTLE, "application/x-turtle": TURTLE,
               NTRIPLES: NTRIPLES, "text/plain": NTRIPLES, JSONLD: JSONLD, "application/json": JSONLD,
               RDFXML: RDFXML, "application/xml": RDFXML, N3: N3, "text/rdf+n3": N3,
               "application/n3": N3}
# `format=` / `output=` values (YASGUI, SPARQLWrapper, Virtuoso style) when Accept says nothing
SHORT_NAMES = {"json": (JSON, JSONLD), "xml": (XML, RDFXML), "csv": (CSV, None), "tsv": (TSV, None),
               "turtle": (None, TURTLE), "ttl": (None, TURTLE), "n3": (None, N3),
               "nt": (None, NTRIPLES), "ntriples": (None, NTRIPLES), "n-triples": (None, NTRIPLES),
               "json-ld": (None, JSONLD), "jsonld": (None, JSONLD), "rdf+xml": (None, RDFXML),
               "rdfxml": (None, RDFXML)}
PREFIXES = {"mlkg": "https://w3id.org/mlkg/ontology#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
            "dcterms": "http://purl.org/dc/terms/", "prov": "http://www.w3.org/ns/prov#",
            "owl": "http://www.w3.org/2002/07/owl#", "xsd": XSD_NS}
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PLAIN_NUMBER = {XSD_NS + "integer": re.compile(r"[+-]?\d+"),
                 XSD_NS + "decimal": re.compile(r"[+-]?\d*\.\d+"),
                 XSD_NS + "double": re.compile(r"[+-]?(\d+\.\d*|\.?\d+)[eE][+-]?\d+")}


class NotAcceptable(ValueError):
    """No format the client accepts; the message lists what is offered."""


@dataclass(frozen=True)
class Written:
    media_type: str
    body: bytes


def negotiate(accept: str | None, offers: dict[str, str], fmt: str | None = None,
              graph: bool = False) -> str:
    """The format to write: by `format=` when given, else by the Accept header (q-values)."""
    if fmt:
        short = SHORT_NAMES.get(fmt.strip().lower())
        chosen = short[1 if graph else 0] if short else offers.get(fmt.strip().lower())
        if chosen:
            return chosen
    ranges = _parse_accept(accept or "*/*")
    best, best_q = None, 0.0
    for offer in offers:  # dict order is the server's preference, which breaks ties
        q = _quality(offer, ranges)
        if q > best_q:
            best, best_q = offer, q
    if best is None:
        raise NotAcceptable("none of the accepted types can be written; this answer is available as "
                            + ", ".join(dict.fromkeys(offers)))
    return offers[best]


def _parse_accept(header: str) -> list[tuple[str, str, float]]:
    ranges = []
    for part in header.split(","):
        items = [p.strip() for p in part.split(";")]
        if "/" not in items[0]:
            continue
        kind, sub = items[0].lower().split("/", 1)
        q = 1.0
        for param in items[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((kind, sub, q))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, str, float]]) -> float:
    kind, sub = offer.split("/", 1)
    best_specificity, q = -1, 0.0
    for r_kind, r_sub, r_q in ranges:
        if r_kind == kind and r_sub == sub:
            specificity = 2
        elif r_kind == kind and r_sub == "*":
            specificity = 1
        elif r_kind == "*" and r_sub == "*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, q = specificity, r_q
    return q


def write_result(result: Result, media_type: str, truncated: bool = False) -> Written:
    if result.kind == "graph":
        body = convert_rdf(result.serialized, media_type, PREFIXES)
        if truncated and media_type in (TURTLE, NTRIPLES, N3):
            body = f"# truncated: only the first {len(result.rows)} triples\n".encode() + body
        return Written(media_type, body)
    writer = {JSON: to_sparql_json, XML: to_sparql_xml, CSV: _csv, TSV: to_tsv}[media_type]
    return Written(media_type + ("; charset=utf-8" if media_type in (CSV, TSV) else ""),
                   writer(result, truncated).encode("utf-8"))


def to_sparql_json(result: Result, truncated: bool = False) -> str:
    return to_json(result, truncated, indent=None)  # compact on the wire


def to_sparql_xml(result: Result, truncated: bool = False) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if truncated:
        out.append(f"<!-- truncated: only the first {len(result.rows)} rows -->")
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.vars) + "</head>")
    out.append("<results>")
    for row in result.rows:
        cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(c)}</binding>"
                        for v, c in zip(result.vars, row, strict=True) if c is not None)
        out.append(f"<result>{cells}</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _xml_text(value: str) -> str:
    return escape(_XML_ILLEGAL.sub("\ufffd", value))  # XML 1.0 cannot carry control characters


def _xml_term(cell: str) -> str:
    kind = cell.kind if isinstance(cell, Term) else "literal"
    if kind == "uri":
        return f"<uri>{_xml_text(cell)}</uri>"
    if kind == "bnode":
        return f"<bnode>{_xml_text(cell.removeprefix('_:'))}</bnode>"
    attrs = ""
    if isinstance(cell, Term) and cell.lang:
        attrs = f" xml:lang={quoteattr(cell.lang)}"
    elif isinstance(cell, Term) and cell.datatype and cell.datatype != XSD_NS + "string":
        attrs = f" datatype={quoteattr(cell.datatype)}"
    return f"<literal{attrs}>{_xml_text(cell)}</literal>"


def _csv(result: Result, truncated: bool = False) -> str:
    return to_csv(result)


def to_tsv(result: Result, truncated: bool = False) -> str:
    """SPARQL 1.1 TSV: `?var` headers, terms in Turtle syntax, numbers bare when canonical."""
    if result.kind == "ask":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in result.vars)]
    lines += ["\t".join("" if c is None else _tsv_term(c) for c in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _tsv_term(cell: str) -> str:
    kind = cell.kind if isinstance(cell, Term) else "literal"
    if kind == "uri":
        return f"<{cell}>"
    if kind == "bnode":
        return str(cell)
    datatype = cell.datatype if isinstance(cell, Term) else None
    if datatype in _PLAIN_NUMBER and _PLAIN_NUMBER[datatype].fullmatch(cell):
        return str(cell)
    text = '"' + (cell.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                  .replace("\r", "\\r").replace("\t", "\\t")) + '"'
    if isinstance(cell, Term) and cell.lang:
        return f"{text}@{cell.lang}"
    if datatype and datatype != XSD_NS + "string":
        return f"{text}^^<{datatype}>"
    return text
