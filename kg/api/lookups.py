"""The SPARQL behind the REST routes that no named query answers, and the conversions of
their rows. Entity ids are checked before they reach a query, so an IRI is always safe to
write between < and >."""

import re

from kg.results import RES_NS, XSD_NS, Term

MLKG = "https://w3id.org/mlkg/ontology#"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,200}")
_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9._~-]+)*")
_INTEGER = {XSD_NS + t for t in ("integer", "int", "long", "short", "nonNegativeInteger",
                                 "positiveInteger", "unsignedLong", "unsignedInt")}
_FLOAT = {XSD_NS + t for t in ("decimal", "double", "float")}
PREFIXES = """PREFIX mlkg: <https://w3id.org/mlkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def entity_iri(kind: str, ident: str) -> str | None:
    """res:KIND/ID, or None when ID is not a plain slug (it then names nothing)."""
    return RES_NS + f"{kind}/{ident}" if _ID.fullmatch(ident) else None


def resource_iri(path: str) -> str | None:
    return RES_NS + path if _PATH.fullmatch(path) and ".." not in path else None


def local_id(iri: str | None) -> str | None:
    """The id of a res: IRI (the part after res:KIND/), None for any other IRI."""
    if not iri or not iri.startswith(RES_NS):
        return None
    return iri[len(RES_NS):].partition("/")[2] or None


def short(iri: str) -> str:
    """mlkg:prunedFrom -> prunedFrom; other IRIs stay whole."""
    return iri[len(MLKG):] if iri.startswith(MLKG) else iri


def value(cell: str | None) -> str | int | float | bool | None:
    """A result cell as a JSON value: numbers and booleans typed, everything else a string."""
    if cell is None:
        return None
    datatype = cell.datatype if isinstance(cell, Term) else None
    try:
        if datatype in _INTEGER:
            return int(cell)
        if datatype in _FLOAT:
            return float(cell)
    except ValueError:
        return str(cell)
    if datatype == XSD_NS + "boolean":
        return cell in ("true", "1")
    return str(cell)


def describe(iri: str) -> str:
    """Everything about an entity: its own triples and the triples pointing at it."""
    return (f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} "
            f"WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}")


def neighbour_labels(iri: str) -> str:
    return PREFIXES + f"""SELECT ?x (MIN(STR(?name)) AS ?label) WHERE {{
  {{ BIND(<{iri}> AS ?x) }} UNION {{ <{iri}> ?p ?x }} UNION {{ ?x ?q <{iri}> }}
  UNION {{ <{iri}> ?x ?o }} UNION {{ ?s ?x <{iri}> }}
  ?x rdfs:label ?name
}} GROUP BY ?x"""


def facts(iri: str) -> str:
    return f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"


def model_papers(iri: str) -> str:
    return PREFIXES + f"""SELECT ?paper ?role (MIN(STR(?name)) AS ?title) WHERE {{
  {{ ?paper mlkg:introduces <{iri}> BIND("introduces" AS ?role) }}
  UNION {{ <{iri}> mlkg:introducedIn ?paper BIND("introduces" AS ?role) }}
  UNION {{ ?paper mlkg:mentions <{iri}> BIND("mentions" AS ?role) }}
  OPTIONAL {{ ?paper dcterms:title|rdfs:label ?name }}
}} GROUP BY ?paper ?role ORDER BY ?role ?title"""


def evidence(iri: str) -> str:
    return PREFIXES + f"""SELECT ?predicate ?object ?paper ?sentence ?charStart ?charEnd ?rule ?confidence
WHERE {{
  ?node rdf:subject <{iri}> ; rdf:predicate ?predicate ; rdf:object ?object .
  OPTIONAL {{ ?node prov:wasDerivedFrom ?paper }}
  OPTIONAL {{ ?node mlkg:sentence ?sentence }}
  OPTIONAL {{ ?node mlkg:charStart ?charStart }}
  OPTIONAL {{ ?node mlkg:charEnd ?charEnd }}
  OPTIONAL {{ ?node mlkg:rule ?rule }}
  OPTIONAL {{ ?node mlkg:confidence ?confidence }}
}} ORDER BY ?predicate ?object ?paper ?charStart"""


def find_paper(iri: str, ident: str) -> str:
    """The paper res:paper/ID, else the paper whose arXiv id (dcterms:identifier) is ID."""
    literal = '"' + ident + '"'  # ident matched _ID: no quote or backslash can be in it
    return PREFIXES + f"""SELECT ?paper WHERE {{
  {{ BIND(<{iri}> AS ?paper) ?paper a mlkg:Paper }}
  UNION {{ ?paper a mlkg:Paper ; dcterms:identifier ?id
          FILTER(LCASE(STR(?id)) = LCASE(REPLACE({literal}, "^arxiv:", "", "i"))) }}
}} LIMIT 1"""


def paper_facts(iri: str) -> str:
    return PREFIXES + f"""SELECT ?p ?o (MIN(STR(?name)) AS ?label) (MIN(STR(?class)) AS ?type) WHERE {{
  {{ <{iri}> ?p ?o }} UNION {{ ?o mlkg:introducedIn <{iri}> BIND(mlkg:introduces AS ?p) }}
  OPTIONAL {{ ?o rdfs:label ?name }}
  OPTIONAL {{ ?o a ?class FILTER(STRSTARTS(STR(?class), STR(mlkg:))) }}
}} GROUP BY ?p ?o"""
