"""The SPARQL 1.1 Protocol endpoint, read-only: GET ?query=, POST form, POST
application/sparql-query. Without a query, GET answers the service description (Turtle)
or, to a browser, a small query form."""

import hashlib
from html import escape
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response

from kg.api.deps import ServiceDep
from kg.api.formats import HTML, TURTLE, negotiate
from kg.api.pool import PoolError, QueryFailed, QueryTimeout
from kg.api.service import Service
from kg.api.worker import SparqlJob
from kg.sparql_guard import MAX_QUERY_CHARS
from kg.store import ASSERTED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH

router = APIRouter(tags=["SPARQL"])
MAX_BODY = 4 * MAX_QUERY_CHARS
TEXT = "text/plain; charset=utf-8"
GRAPH_ROLES = {ASSERTED_GRAPH: "asserted: the facts `kg build` extracted (graph.ttl)",
               ONTOLOGY_GRAPH: "ontology: classes, properties, named techniques, lexicon",
               INFERRED_GRAPH: "inferred: what the HermiT reasoner adds (inferred.ttl)"}
RESULTS = {200: {"description": "SELECT/ASK: application/sparql-results+json, "
                                "application/sparql-results+xml, text/csv, text/tab-separated-values; "
                                "CONSTRUCT/DESCRIBE: text/turtle, "
                                "application/n-triples, application/ld+json, application/rdf+xml, text/n3. "
                                "X-MLKG-Truncated: true when the row limit cut the answer."},
           400: {"description": "malformed query (the parser's message)"},
           403: {"description": "SPARQL Update, SERVICE, or FROM naming a graph not served"},
           406: {"description": "no acceptable result format"},
           503: {"description": "time limit reached (the query was stopped) or all workers busy"}}
GraphList = Annotated[list[str], Query()]


@router.get("/sparql", responses=RESULTS, summary="SPARQL 1.1 query (GET)",
            description="Runs a read-only SPARQL 1.1 query. Without `query`: the service description.")
async def sparql_get(
    request: Request,
    service: ServiceDep,
    query: Annotated[str | None, Query(description="the SPARQL query")] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
    format: Annotated[str | None, Query(description="json, xml, csv, tsv, turtle, ntriples, jsonld "
                                                    "(used when Accept says nothing)")] = None,
) -> Response:
    if query is None:
        return _description(request, service)
    fmt = format or request.query_params.get("output")
    return await _answer(request, service, query, default_graph_uri, named_graph_uri, fmt)


@router.post("/sparql", responses=RESULTS, summary="SPARQL 1.1 query (POST)",
             description="Body: `application/x-www-form-urlencoded` with `query=` (and optional "
                         "`default-graph-uri`, `named-graph-uri`), or `application/sparql-query` with the "
                         "query itself (graphs then in the URL). Updates are refused (403).",
             openapi_extra={"requestBody": {"content": {
                 "application/sparql-query": {"schema": {"type": "string"}},
                 "application/x-www-form-urlencoded": {"schema": {
                     "type": "object", "properties": {"query": {"type": "string"}}}}}}})
async def sparql_post(request: Request, service: ServiceDep) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        return _error(request, 413, f"request body larger than {MAX_BODY} bytes")
    body = await request.body()
    if len(body) > MAX_BODY:
        return _error(request, 413, f"request body larger than {MAX_BODY} bytes")
    url = request.query_params
    if content_type == "application/sparql-update":
        return _error(request, 403, "SPARQL Update is not allowed: this endpoint is read-only")
    if content_type == "application/sparql-query":
        text = body.decode("utf-8", "replace")
        return await _answer(request, service, text, url.getlist("default-graph-uri"),
                             url.getlist("named-graph-uri"), url.get("format") or url.get("output"))
    if content_type in ("application/x-www-form-urlencoded", ""):
        form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        if "update" in form:
            return _error(request, 403, "SPARQL Update is not allowed: this endpoint is read-only")
        if not form.get("query"):
            return _error(request, 400, "missing `query` parameter")
        fmt = (form.get("format") or form.get("output") or [None])[0]
        return await _answer(request, service, form["query"][0], form.get("default-graph-uri", []),
                             form.get("named-graph-uri", []), fmt)
    return _error(request, 415, f"unsupported Content-Type {content_type!r}: send "
                                "application/sparql-query or application/x-www-form-urlencoded")


async def _answer(request: Request, service: Service, query: str, default_graphs: list[str],
                  named_graphs: list[str], fmt: str | None) -> Response:
    settings = service.settings
    request.state.log = {"query_sha1": hashlib.sha1(query.encode()).hexdigest()[:12]}
    if len(query) > MAX_QUERY_CHARS:
        return _error(request, 413, f"query longer than {MAX_QUERY_CHARS} characters")
    job = SparqlJob(query, request.headers.get("accept"), fmt, tuple(default_graphs), tuple(named_graphs),
                    settings.max_rows)
    try:
        reply = await service.sparql(job)
    except QueryTimeout as err:
        request.state.log["timeout"] = True
        return _error(request, 503, f"{err}; simplify the query or add a LIMIT",
                      {"X-MLKG-Timeout": f"{settings.timeout:g}"})
    except PoolError as err:
        return _error(request, err.status, str(err), {"Retry-After": "1"})
    except QueryFailed as err:
        return _error(request, err.status, str(err))
    request.state.log.update(form=reply.form, rows=reply.rows, truncated=reply.truncated)
    headers = {**reply.headers, "Vary": "Accept"}
    return Response(reply.body, reply.status, headers=headers, media_type=reply.media_type)


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    log = getattr(request.state, "log", None) or {}
    log["error"] = message[:300]
    request.state.log = log
    return Response(message.rstrip() + "\n", status, headers=headers, media_type=TEXT)


def _description(request: Request, service: Service) -> Response:
    """SPARQL 1.1 Service Description, or a query form for a browser."""
    endpoint = str(request.url_for("sparql_get"))
    if negotiate(request.headers.get("accept"), {HTML: HTML, TURTLE: TURTLE}) == HTML:
        return Response(_form(service, endpoint), media_type="text/html; charset=utf-8")
    graphs = "".join(f"""
        sd:namedGraph [ sd:name <{g}> ; dcterms:description "{GRAPH_ROLES.get(g, 'named graph')}" ] ;"""
                     for g in service.graphs)
    s = service.settings
    ttl = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    dcterms:description "Read-only. Updates, SERVICE and FROM outside the served graphs are refused." ;
    dcterms:description "Time limit {s.timeout:g} s, row limit {s.max_rows}." ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
        <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
        <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>,
        <http://www.w3.org/ns/formats/JSON-LD>, <http://www.w3.org/ns/formats/RDF_XML>,
        <http://www.w3.org/ns/formats/N3> ;
    sd:defaultDataset [ a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; dcterms:description "the merge of the named graphs" ] ;{graphs}
    ] .
"""
    return Response(ttl, media_type=TURTLE)


def _form(service: Service, endpoint: str) -> str:
    graphs = "".join(f"<li><code>{escape(g)}</code>: {escape(GRAPH_ROLES.get(g, 'named graph'))}</li>"
                     for g in service.graphs)
    example = ("PREFIX mlkg: <https://w3id.org/mlkg/ontology#>\n"
               "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\n"
               "SELECT ?model ?label WHERE {\n  ?model a mlkg:Model ; rdfs:label ?label .\n}\n"
               "ORDER BY ?label LIMIT 20")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SPARQL — mlkg</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
textarea{{width:100%;height:14rem;font-family:monospace}}</style></head><body>
<h1>mlkg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 at <code>{escape(endpoint)}</code>. Time limit {service.settings.timeout:g} s,
row limit {service.settings.max_rows}. The default graph is the merge of these named graphs:</p>
<ul>{graphs}</ul>
<form method="get" action="{escape(endpoint)}"><textarea name="query">{escape(example)}</textarea>
<p><select name="format"><option>json</option><option>xml</option><option>csv</option><option>tsv</option>
<option>turtle</option><option>jsonld</option></select> <button type="submit">Run</button></p></form>
<p><a href="/docs">API docs</a> · <a href="/api/models">models</a> · <a href="/health">health</a></p>
</body></html>"""
