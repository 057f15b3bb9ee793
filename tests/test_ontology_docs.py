"""docs/ontology.html is generated from the ontology and kept up to date (`make docs`)."""

import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.docs import DEFAULT_OUTPUT, digest, embedded_digest, source
from kg.resources import shapes_file
from kg.vocab import ONTOLOGY_IRI

STALE = "docs/ontology.html is out of date with ontology/mlkg.ttl: run `make docs`"


def test_page_was_generated_from_the_current_ontology():
    """Cheap and without pyLODE: the page carries the SHA-256 of the file it documents."""
    html = DEFAULT_OUTPUT.read_text(encoding="utf-8")
    assert embedded_digest(html) == digest(), STALE


def test_page_is_what_pylode_makes_now():
    pytest.importorskip("pylode")
    from kg.docs import render

    assert render() == DEFAULT_OUTPUT.read_text(encoding="utf-8"), STALE


def test_page_documents_every_term_and_the_version():
    html = DEFAULT_OUTPUT.read_text(encoding="utf-8")
    g = Graph().parse(source())
    ns = "https://w3id.org/mlkg/ontology#"
    terms = {str(s) for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for s in g.subjects(RDF.type, t) if str(s).startswith(ns)}
    assert len(terms) > 40
    missing = [t for t in sorted(terms) if t not in html]
    assert missing == []
    version = str(g.value(ONTOLOGY_IRI, OWL.versionInfo))
    assert re.search(rf">\s*{re.escape(version)}\s*<", html)


def test_version_iri_and_shapes_follow_the_version():
    g = Graph().parse(source())
    version = str(g.value(ONTOLOGY_IRI, OWL.versionInfo))
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert g.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{version}")
    shapes = Graph().parse(shapes_file())
    assert str(shapes.value(URIRef("https://w3id.org/mlkg/shapes#"), OWL.versionInfo)) == version
