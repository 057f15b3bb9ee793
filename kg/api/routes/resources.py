"""Linked data: each entity IRI https://w3id.org/mlkg/resource/PATH is served at
/resource/PATH, as HTML to a browser and as Turtle, JSON-LD, N-Triples or RDF/XML to a
client that asks for it (Accept, or ?format=ttl|jsonld|nt|rdfxml). `/` (the lineage map)
is in routes/map.py."""

from html import escape

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from kg.api import lookups as lk
from kg.api.deps import ServiceDep
from kg.api.formats import (
    HTML,
    JSONLD,
    NTRIPLES,
    PREFIXES,
    RDFXML,
    TURTLE,
    NotAcceptable,
    negotiate,
    write_result,
)
from kg.api.routes.rest import read_or_http_error
from kg.results import RES_NS, XSD_NS, Result, Term

router = APIRouter(tags=["Linked data"])
OFFERS = {HTML: HTML, "application/xhtml+xml": HTML, TURTLE: TURTLE, "application/turtle": TURTLE,
          JSONLD: JSONLD, NTRIPLES: NTRIPLES, RDFXML: RDFXML}
SHORT = {"html": HTML, "ttl": TURTLE, "turtle": TURTLE, "jsonld": JSONLD, "json-ld": JSONLD,
         "nt": NTRIPLES, "ntriples": NTRIPLES, "rdfxml": RDFXML, "xml": RDFXML}
STYLE = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td{border-top:1px solid #ddd;padding:.3rem .5rem;vertical-align:top}
td:first-child{width:14rem;color:#555}.dt{color:#888;font-size:.85em}code{font-size:.9em}"""


@router.get("/resource/{path:path}", summary="An entity as a linked-data page",
            responses={200: {"content": {HTML: {}, TURTLE: {}, JSONLD: {}, NTRIPLES: {}, RDFXML: {}},
                             "description": "the entity's triples, and those pointing at it"},
                       404: {"description": "nothing is known about this IRI"}})
async def resource(
    path: str, request: Request, service: ServiceDep,
    format: str | None = Query(None, description="html, ttl, jsonld, nt or rdfxml; overrides Accept"),
) -> Response:
    iri = lk.resource_iri(path)
    try:
        media_type = SHORT.get((format or "").lower()) or negotiate(request.headers.get("accept"), OFFERS)
    except NotAcceptable as err:
        return Response(str(err) + "\n", 406, media_type="text/plain; charset=utf-8")
    headers = {"Vary": "Accept", "Link": f'<{iri or RES_NS + path}>; rel="canonical"'}
    if iri is None:
        return _not_found(path, media_type)
    described, labels = await read_or_http_error(service, lk.describe(iri), lk.neighbour_labels(iri))
    if not described.result.rows:
        return _not_found(path, media_type)
    headers["X-MLKG-Truncated"] = "true" if described.truncated else "false"
    if media_type == HTML:
        names = {str(r["x"]): str(r["label"]) for r in labels.result.records() if r.get("label")}
        page = _page(iri, described.result, names, described.truncated)
        return HTMLResponse(page, headers=headers)
    written = write_result(described.result, media_type, described.truncated)
    return Response(written.body, headers=headers, media_type=written.media_type)


def _not_found(path: str, media_type: str) -> Response:
    message = f"nothing is known about {RES_NS}{path}"
    if media_type == HTML:
        return HTMLResponse(f"<!doctype html><title>not found</title><p>{escape(message)}</p>", 404)
    return Response(message + "\n", 404, media_type="text/plain; charset=utf-8")


def _curie(iri: str) -> str:
    if iri.startswith(RES_NS):
        return "res:" + iri[len(RES_NS):]
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _link(iri: str, names: dict[str, str]) -> str:
    shown = escape(names.get(iri) or _curie(iri))
    href = "/resource/" + iri[len(RES_NS):] if iri.startswith(RES_NS) else iri
    return f'<a href="{escape(href)}" title="{escape(iri)}">{shown}</a>'


def _cell(term: object, names: dict[str, str]) -> str:
    if isinstance(term, Term) and term.kind == "uri":
        return _link(str(term), names)
    text = escape(str(term))
    if isinstance(term, Term) and term.lang:
        return f'{text} <span class="dt">@{escape(term.lang)}</span>'
    if isinstance(term, Term) and term.datatype and term.datatype != XSD_NS + "string":
        return f'{text} <span class="dt">{escape(_curie(term.datatype))}</span>'
    return text


def _page(iri: str, result: Result, names: dict[str, str], truncated: bool) -> str:
    out_rows, in_rows = [], []
    for s, p, o in result.rows:
        if s == iri:
            out_rows.append(f"<tr><td>{_link(str(p), names)}</td><td>{_cell(o, names)}</td></tr>")
        else:
            in_rows.append(f"<tr><td>{_link(str(p), names)}</td><td>{_cell(s, names)}</td></tr>")
    title = escape(names.get(iri) or iri[len(RES_NS):])
    alternates = " · ".join(f'<a href="?format={f}">{f}</a>' for f in ("ttl", "jsonld", "nt", "rdfxml"))
    note = "<p><strong>Cut at the row limit.</strong></p>" if truncated else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} — mlkg</title>
<link rel="alternate" type="text/turtle" href="?format=ttl">
<link rel="alternate" type="application/ld+json" href="?format=jsonld"><style>{STYLE}</style></head><body>
<h1>{title}</h1><p><code>{escape(iri)}</code></p><p>as {alternates} · <a href="/sparql">SPARQL</a></p>{note}
<table>{"".join(sorted(out_rows))}</table>
<h2>Pointing here</h2><table>{"".join(sorted(in_rows)) or "<tr><td>nothing</td></tr>"}</table>
</body></html>"""
