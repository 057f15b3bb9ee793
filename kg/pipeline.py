"""The build, one way: text -> documents -> extractions -> graph -> reasoning -> files."""

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Graph

from kg.atomic import write_text
from kg.corpus import Corpus, read_corpus
from kg.extract import Names, extract, learn, load_lexicon
from kg.graph import GraphBuilder, bind_prefixes
from kg.report import Diagnostic

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DEFAULT_OUT = Path("out")


@dataclass
class BuildResult:
    corpus: Corpus
    graph: Graph
    inferred: Graph | None = None
    consistent: bool | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    map_nodes: int = 0
    map_edges: int = 0


def learn_corpus(docs, lex) -> Names:
    """Pass one: the names papers introduce, so a name defined in one paper is found in all.
    When papers disagree on a name's type, the most frequent type wins (ties: sorted)."""
    votes: dict[str, Counter] = {}
    for doc in docs:
        for name, (kind, full) in learn(doc, lex).items():
            votes.setdefault(name, Counter())[(kind, full)] += 1
    return _vote(votes)


def _vote(votes: dict[str, Counter]) -> Names:
    return Names({name: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                  for name, c in sorted(votes.items())})


_KNOWN: Names | None = None  # set once in each worker process


def _set_known(known: Names) -> None:
    global _KNOWN
    _KNOWN = known


def _learn_one(doc):
    return learn(doc)


def _extract_one(doc):
    return extract(doc, None, _KNOWN)


def _parallel(docs: list, jobs: int):
    """Both passes across processes. Results come back in input order, so the graph (and
    its serialisation) is the same as a serial run's."""
    import multiprocessing as mp

    chunk = max(1, len(docs) // (jobs * 8))
    ctx = mp.get_context("fork")
    with ctx.Pool(jobs) as pool:
        votes: dict[str, Counter] = {}
        for learned in pool.imap(_learn_one, docs, chunksize=chunk):
            for name, value in learned.items():
                votes.setdefault(name, Counter())[value] += 1
    known = _vote(votes)
    # the names go to each worker once, not with every paper
    with ctx.Pool(jobs, initializer=_set_known, initargs=(known,)) as pool:
        yield from pool.imap(_extract_one, docs, chunksize=chunk)


def extract_graph(inputs: Iterable[str | Path], reference: date | None = None,
                  on_file: Callable | None = None, on_doc: Callable | None = None,
                  jobs: int = 1) -> BuildResult:
    t0 = time.perf_counter()
    corpus = read_corpus(inputs, reference, progress=on_file)
    t1 = time.perf_counter()
    lex = load_lexicon()
    docs = list(corpus.documents.values())
    builder = GraphBuilder(lex)
    if jobs > 1 and len(docs) > 1:
        for ex in _parallel(docs, jobs):
            builder.add(ex)
            if on_doc:
                on_doc(ex.document)
    else:
        known = learn_corpus(docs, lex)
        for doc in docs:
            builder.add(extract(doc, lex, known))
            if on_doc:
                on_doc(doc)
    t2 = time.perf_counter()
    graph = builder.build()
    t3 = time.perf_counter()
    return BuildResult(corpus, graph, diagnostics=list(corpus.diagnostics),
                       timings={"read": t1 - t0, "extract": t2 - t1, "graph": t3 - t2})


def reason(result: BuildResult, reasoner: str = "auto", threshold: int | None = None) -> None:
    """HermiT, or kg.closure's rules above `threshold` triples (kg.reason.choose)."""
    from kg.reason import CLOSURE_ABOVE, run_reasoner

    t = time.perf_counter()
    report = run_reasoner(result.graph, reasoner,
                          CLOSURE_ABOVE if threshold is None else threshold)
    result.timings["reason"] = time.perf_counter() - t
    result.consistent = report.consistent
    result.inferred = bind_prefixes(report.inferred)
    result.diagnostics += report.diagnostics()  # each names the individual at fault


def write_outputs(result: BuildResult, out: Path, with_map: bool = True) -> list[Path]:
    """graph.ttl, inferred.ttl and lineage.html, each written atomically. An inconsistent
    graph is not written: the last good build stays in place."""
    if result.consistent is False:
        return []
    t = time.perf_counter()
    written = [out / "graph.ttl"]
    write_text(written[0], result.graph.serialize(format="turtle"))
    if result.inferred is not None:
        written.append(out / "inferred.ttl")
        write_text(written[-1], result.inferred.serialize(format="turtle"))
    if with_map:
        from kg.map import write_map

        stats = write_map(result.graph, out / "lineage.html")
        result.map_nodes, result.map_edges = stats.nodes, stats.edges
        written.append(out / "lineage.html")
    result.timings["write"] = time.perf_counter() - t
    return written
