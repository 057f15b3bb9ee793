"""mlkg: a knowledge graph of ML models, techniques and lineage, extracted from paper abstracts.

The public façade. Names load on first use (PEP 562), so `import kg` and the `kg` command
stay cheap: rdflib, pyoxigraph and FastAPI are imported only by the parts that need them.

    import kg
    result = kg.extract_graph(["abstracts.jsonl"])          # text -> RDF graph with evidence
    report = kg.validate_graph(result.graph)                 # SHACL + SPARQL checks, as data
    store = kg.open_graph("out")                             # a built graph, queried by Oxigraph
    print(kg.load_queries()["ancestors"].bind({"model": "Nemotron-Nano-9B-v2"}))
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

# public name -> "module" or "module:name" that defines it. kg.validate.validate is
# `validate_graph` here (and evaluate `evaluate_graph`): `kg.validate` is the submodule's
# name once anything imports it.
_EXPORTS: dict[str, str] = {
    "read_corpus": "kg.corpus",
    "Document": "kg.document",
    "extract_graph": "kg.pipeline",
    "BuildResult": "kg.pipeline",
    "check_consistency": "kg.reason",
    "ReasonerReport": "kg.reason",
    "materialise": "kg.closure",
    "validate_graph": "kg.validate:validate",
    "ValidationReport": "kg.validate",
    "Severity": "kg.report",
    "Diagnostic": "kg.report",
    "Store": "kg.store",
    "OxigraphStore": "kg.store",
    "open_graph": "kg.store",
    "RemoteStore": "kg.remote",
    "NamedQuery": "kg.queries",
    "load_queries": "kg.queries",
    "Result": "kg.results",
    "evaluate_graph": "kg.evaluate:evaluate",
    "load_gold": "kg.evaluate",
    "map_html": "kg.map",
    "write_map": "kg.map",
    "create_app": "kg.api.app",
    "MLKG": "kg.vocab",
    "RES": "kg.vocab",
}

__all__ = [
    "BuildResult",
    "Diagnostic",
    "Document",
    "MLKG",
    "NamedQuery",
    "OxigraphStore",
    "RES",
    "ReasonerReport",
    "RemoteStore",
    "Result",
    "Severity",
    "Store",
    "ValidationReport",
    "check_consistency",
    "create_app",
    "evaluate_graph",
    "extract_graph",
    "load_gold",
    "load_queries",
    "map_html",
    "materialise",
    "open_graph",
    "read_corpus",
    "validate_graph",
    "write_map",
]

if TYPE_CHECKING:  # for type checkers and IDEs; at run time __getattr__ imports on demand
    from kg.api.app import create_app
    from kg.closure import materialise
    from kg.corpus import read_corpus
    from kg.document import Document
    from kg.evaluate import evaluate as evaluate_graph
    from kg.evaluate import load_gold
    from kg.map import map_html, write_map
    from kg.pipeline import BuildResult, extract_graph
    from kg.queries import NamedQuery, load_queries
    from kg.reason import ReasonerReport, check_consistency
    from kg.remote import RemoteStore
    from kg.report import Diagnostic, Severity
    from kg.results import Result
    from kg.store import OxigraphStore, Store, open_graph
    from kg.validate import ValidationReport
    from kg.validate import validate as validate_graph
    from kg.vocab import MLKG, RES


def __getattr__(name: str) -> Any:
    if (target := _EXPORTS.get(name)) is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    module, _, attr = target.partition(":")
    value = getattr(import_module(module), attr or name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
