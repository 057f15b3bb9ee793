"""The build, one way: text -> documents -> extractions -> triples -> reasoning -> files.

`build` streams: papers go from the input files to the manifest (SQLite, in the output
folder) as they are read, and every later step takes them from there in batches, so
memory holds one batch plus the corpus-wide indexes (learned names, resolved entities).
Triples are written as sorted runs of N-Triples lines and merged at the end into one
sorted, duplicate-free graph.nt, which pyoxigraph turns into graph.ttl: the same input
gives the same bytes, serial or parallel, full or incremental.

Incremental builds (the manifest kept from the last build, see kg/manifest.py):
- an input file whose bytes are those of the last build is not parsed again: the papers it
  gave are copied from the manifest (`FileCache`);
- a paper whose content hash is unchanged keeps the names it taught and its extraction;
  new and changed papers are read for names and extracted; removed papers are dropped;
- pass one (learning) is what ties papers together: a name learned from one paper is
  found in all. When the corpus-wide name set changes (a name added, dropped or retyped),
  every kept paper whose text could be read differently with it is extracted again
  (`NameScan`: the text spells the name, or holds its first word without a capital); only
  the papers the word index lists under a changed name's first word are read for that;
- the graph step updates the last graph (kg/graphcache.py): the resolver's counts are kept,
  changed papers' records are counted out and in, and only the sources whose lines can
  differ (changed papers, and papers that read an entity whose IRI or label changed or a
  lineage pair whose kinds changed) are emitted again; their difference is spliced into the
  kept sorted N-Triples and Turtle (kg/splice.py), which the write step hard-links as
  graph.nt and graph.ttl. Past a quarter of the sources, or with no kept graph, the step
  runs in full.
A change of code or ontology makes the whole build run again (the manifest's version).
"""

import bisect
import heapq
import itertools
import os
import re
import shutil
import tempfile
import time
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path

from rdflib import Graph

from kg import graphcache
from kg.atomic import atomic_open
from kg.corpus import Corpus, read_corpus
from kg.document import Document
from kg.extract import Names, extract, learn, load_lexicon
from kg.extract.lexicon import Lexicon
from kg.extract.text import clean
from kg.graph import PREFIXES, Emitter, bind_prefixes, pack, paper_iri, record, unpack
from kg.manifest import FileCache, Manifest, SpillingCorpus, decode_records
from kg.report import Diagnostic
from kg.vocab import RES

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DEFAULT_OUT = Path("out")
STATE_DIR = ".kg-build"  # inside the output folder: manifest and work files
DEFAULT_BATCH = 5000
# graph.ttl's prefixes: one per kind of resource, so names need no escaped '/'
TURTLE_PREFIXES = {**PREFIXES, **{k: f"{RES}{k}/" for k in (
    "model", "technique", "dataset", "benchmark", "paper", "evidence", "person", "org")}}


@dataclass
class BuildResult:
    corpus: Corpus
    # the asserted graph as sorted N-Triples in consecutive parts, and each part's Turtle (the
    # first part's with the @prefix lines); a build leaves one of each
    nt_parts: list[Path] = field(default_factory=list)
    ttl_parts: list[Path] = field(default_factory=list)
    inferred: Graph | None = None
    consistent: bool | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)
    map_nodes: int = 0
    map_edges: int = 0
    _graph: Graph | None = None

    @property
    def graph(self) -> Graph:
        """The asserted graph in rdflib, parsed on first use (reasoner, map, small corpora)."""
        if self._graph is None:
            self._graph = bind_prefixes(Graph())
            for part in self.nt_parts:
                self._graph.parse(part, format="nt")
        return self._graph


# ---------------------------------------------------------------- the two passes
def _vote(votes: dict[str, Counter]) -> Names:
    """When papers disagree on a name's type, the most frequent type wins (ties: sorted)."""
    return Names({name: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                  for name, c in sorted(votes.items())})


def vote(learned: Iterable[dict]) -> Names:
    votes: dict[str, Counter] = {}
    for names in learned:
        for name, value in names.items():
            votes.setdefault(name, Counter())[value] += 1
    return _vote(votes)


def learn_corpus(docs, lex) -> Names:
    """Pass one: the names papers introduce, so a name defined in one paper is found in all."""
    return vote(learn(doc, lex) for doc in docs)


_KNOWN: Names | None = None  # set once in each worker process


def _set_known(known: Names | None) -> None:
    global _KNOWN
    _KNOWN = known


def _learn_one(doc: Document) -> dict:
    return learn(doc)


def _extract_one(doc: Document) -> tuple:
    return pack(record(extract(doc, None, _KNOWN)))


def _extract_indexed(doc: Document) -> tuple[tuple, list[str]]:
    """The record and the words the paper spells (for WordIndex), in a worker."""
    return _extract_one(doc), sorted(text_words(doc)[2])


class _Workers:
    """A process pool for one pass (or the same work in this process when jobs == 1).
    Results come back in input order, so output never depends on the number of jobs."""

    def __init__(self, jobs: int, known: Names | None = None):
        self.jobs, self.pool = jobs, None
        _set_known(known)
        if jobs > 1:
            import multiprocessing as mp

            # fork: workers inherit the lexicon and the names instead of unpickling them
            self.pool = mp.get_context("fork").Pool(jobs, initializer=_set_known, initargs=(known,))

    def map(self, fn: Callable, items: list) -> Iterator:
        if self.pool is None or len(items) < 2:
            return map(fn, items)
        return self.pool.imap(fn, items, chunksize=max(1, min(64, len(items) // (self.jobs * 8))))

    def ordered(self, fn: Callable, items: Iterable, ahead: int) -> Iterator:
        """map() over an iterable that may not fit in memory: at most `ahead` items are out
        at a time (Pool.imap would read all of them at once)."""
        if self.pool is None:
            yield from map(fn, items)
            return
        pending: deque = deque()
        for item in items:
            pending.append(self.pool.apply_async(fn, (item,)))
            if len(pending) >= ahead:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


# ---------------------------------------------------------------- incremental policy
_WORD = re.compile(r"[^\W_]+")
_NOT_WORD = re.compile(r"[\W_]+")


def changed_names(old: dict | None, new: dict) -> set[str]:
    if old is None:
        return set(new)
    return {n for n in old.keys() | new.keys() if old.get(n) != new.get(n)}


def text_words(doc: Document) -> tuple[str, str, set[str]]:
    """The text NameScan reads in a paper, lower-cased, and the words of that."""
    text = f"{doc.title or ''} {doc.abstract} {clean(doc.abstract)}"
    lower = text.lower()
    return text, lower, _words(lower)


# ASCII text (all of the synthetic corpora, most real ones): the regexes' work done by
# bytes.translate, several times faster; [^\W_] is [a-z0-9] there
_ALNUM = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_TO_SPACE = bytes(c if c in _ALNUM else 32 for c in range(256))
_NOT_ALNUM = bytes(c for c in range(128) if c not in _ALNUM)


def _words(lower: str) -> set[str]:
    if lower.isascii():
        return set(lower.encode().translate(_TO_SPACE).decode().split())
    return set(_WORD.findall(lower))


def _squeeze(lower: str) -> str:
    if lower.isascii():
        return lower.encode().translate(None, _NOT_ALNUM).decode()
    return _NOT_WORD.sub("", lower)


class NameScan:
    """Which papers a change of learned names can reach. The extractor matches a learned
    name only where the paper's lower-cased words spell it, and a name's first word only
    changes how a word that does not start with a capital is read. So a paper is affected
    when its text, squeezed to lower-case letters and digits, contains the squeezed name,
    or when the name's first word occurs in it without a capital. Both over-approximate.
    Only a paper that spells the first word of a changed name (by_piece) can be affected:
    the word index (Manifest.ids_with_words) lists those."""

    def __init__(self, names: Iterable[str]):
        self.by_piece: dict[str, list[tuple[str, str]]] = {}
        self.everything = False
        for name in names:
            words = name.lower().split()
            pieces = _WORD.findall(words[0]) if words else []
            if not pieces:  # opens with no letter or digit: cannot index it, assume the worst
                self.everything = True
                continue
            self.by_piece.setdefault(pieces[0], []).append((_squeeze(name.lower()), words[0]))

    def affects(self, doc: Document, hits: Iterable[str] | None = None) -> bool:
        """`hits`: the pieces the paper spells, when known (from the word index)."""
        if self.everything:
            return True
        if hits is None:
            text, lower, words = text_words(doc)
            hits = self.by_piece.keys() & words
        else:
            text = f"{doc.title or ''} {doc.abstract} {clean(doc.abstract)}"
            lower = text.lower()
        if not hits:
            return False
        squeezed = _squeeze(lower)
        for piece in sorted(hits):
            for name, first in self.by_piece[piece]:
                if name in squeezed:
                    return True
                i = lower.find(first)
                while i >= 0:
                    if len(lower) != len(text) or not text[i].isupper():  # (lengths: 'İ')
                        return True
                    i = lower.find(first, i + 1)
        return False


# ---------------------------------------------------------------- the build
def build(inputs: Iterable[str | Path], state: Path, reference: date | None = None,
          on_file: Callable | None = None, on_doc: Callable | None = None, jobs: int = 1,
          batch: int = DEFAULT_BATCH) -> BuildResult:
    """Read, extract and write the sorted N-Triples of the asserted graph under `state`
    (the manifest there makes the next build incremental)."""
    timings: dict[str, float] = {}
    t = time.perf_counter()
    man = Manifest(state / "manifest.sqlite")
    load_lexicon()  # once, here: worker processes fork with it and the graph step reuses it
    try:
        man.start_corpus()
        corpus = SpillingCorpus(man)
        cache = FileCache(man, corpus)
        read_corpus(inputs, reference, on_file, corpus=corpus, cache=cache)
        cache.finish()
        stats = man.end_corpus()
        stats["files_replayed"] = cache.replayed
        timings["read"] = time.perf_counter() - t

        t = time.perf_counter()
        stats["learned"] = _learn(man, jobs, batch)
        known = vote(man.learned())
        timings["learn"] = time.perf_counter() - t

        t = time.perf_counter()
        stats.update(_extract(man, known, jobs, batch, on_doc))
        timings["extract"] = time.perf_counter() - t

        t = time.perf_counter()
        nt_parts, ttl_parts, stats["triples"], graph_stats = _emit(man, state, batch, jobs)
        stats.update(graph_stats)
        timings["graph"] = time.perf_counter() - t
    finally:
        man.close()
    stats["reused"] = stats["papers"] - stats["extracted"]
    return BuildResult(corpus, nt_parts, ttl_parts, diagnostics=list(corpus.diagnostics),
                       timings=timings, stats=stats)


def _learn(man: Manifest, jobs: int, batch: int) -> int:
    workers, n = _Workers(jobs), 0
    try:
        man.begin()
        for docs in man.docs("d.learned IS NULL", batch):
            man.set_learned(list(zip((k for k, _ in docs),
                                     workers.map(_learn_one, [d for _, d in docs]), strict=True)))
            n += len(docs)
        man.commit()
    finally:
        workers.close()
    return n


def _extract(man: Manifest, known: Names, jobs: int, batch: int,
             on_doc: Callable | None) -> dict[str, int]:
    changed = changed_names(man.get("known"), known.own)  # type: ignore[arg-type]
    man.begin()
    affected: list[str] = []
    scanned = 0
    if changed:
        scan = NameScan(changed)
        if scan.everything:
            for docs in man.docs("d.record IS NOT NULL", batch):
                scanned += len(docs)
                affected += [k for k, d in docs if scan.affects(d)]
        else:  # only papers that spell the first word of a changed name (the word index)
            hits = man.ids_with_words(scan.by_piece)
            for docs in man.docs_by_id(hits, "d.record IS NOT NULL", batch):
                scanned += len(docs)
                affected += [k for k, d, i in docs if scan.affects(d, hits[i])]
        man.forget_records(affected)
    again = set(affected)  # spelled the same words when they were extracted: indexed already
    workers, n = _Workers(jobs, known), 0
    postings: dict[str, array] = {}
    try:
        for docs in man.docs_with_ids("d.record IS NULL", batch):
            recs = []
            for (key, doc, i), (rec, words) in zip(
                    docs, workers.map(_extract_indexed, [d for _, d, _ in docs]), strict=True):
                recs.append((key, rec))
                if key not in again:
                    for w in words:
                        (postings.get(w) or postings.setdefault(w, array("q"))).append(i)
                if on_doc:
                    on_doc(doc)
            man.set_records(recs)
            n += len(docs)
        man.add_words(postings)
        man.put("known", dict(known.own))
        man.commit()
    finally:
        workers.close()
    return {"extracted": n, "reextracted_for_names": len(affected), "names_changed": len(changed),
            "learned_names": len(known.own), "scanned_for_names": scanned}


def _emit(man: Manifest, state: Path, batch: int, jobs: int
          ) -> tuple[list[Path], list[Path], int, dict]:
    """The graph of the last build updated by what changed (kg/graphcache.py), or made
    again from every record when it cannot be."""
    lex = load_lexicon()
    if not man.full_rebuild:
        done = graphcache.update(man, state / "parts", lex, TURTLE_PREFIXES)
        if done is not None:
            return done
    return _emit_full(man, state, batch, jobs, lex)


def _emit_full(man: Manifest, state: Path, batch: int, jobs: int, lex: Lexicon
               ) -> tuple[list[Path], list[Path], int, dict]:
    """Two sweeps over the records: resolve in this process, then the papers' lines emitted
    into sorted runs by `jobs` processes, a batch each; then each part of the key space merged
    and turned into Turtle in its own process, and the parts joined into one file each. What
    the next build needs to update this graph goes to the manifest on the way
    (graphcache.Keeper)."""
    em = Emitter(lex)
    em.shared = man.shared_papers(f"{RES}paper/")
    keeper = graphcache.Keeper(man)
    for recs in man.records(batch, with_docs=False):
        for rec, _ in recs:
            em.add(unpack(rec))
    em.resolve()
    bounds = part_bounds(jobs)
    parts_dir = state / "parts"
    shutil.rmtree(parts_dir, ignore_errors=True)
    parts_dir.mkdir(parents=True)
    runs_dir = Path(tempfile.mkdtemp(prefix="runs-", dir=state))
    try:
        runs: list[list[Path]] = []
        _set_emitter(em)  # before the fork: the workers inherit the resolved emitter
        workers = _Workers(jobs)
        try:
            batches = ((rows, bounds, runs_dir, i)
                       for i, rows in enumerate(man.packed_records(max(1, batch // jobs))))
            for run, tally, deferred in workers.ordered(_emit_batch, batches, ahead=2 * jobs):
                runs.append(run)
                keeper.join(tally)
                for key, items in deferred.items():
                    em.deferred[key] += items
        finally:
            workers.close()
            _set_emitter(None)
        lines: list[str] = []
        for pi in sorted({pi for pi, _ in em.deferred}):
            items = list(em.shared_links(pi))
            keeper.source(str(pi), [], items, [])
            lines += items
        keeper.entities(em)
        lines += em.entity_lines()
        runs.append(_write_run(lines, bounds, runs_dir, len(runs)))
        del lines
        jobs_ = [([r[p] for r in runs], parts_dir / f"graph-{p:02d}.nt",
                  parts_dir / f"graph-{p:02d}.ttl", p == 0) for p in range(len(bounds) + 1)]
        workers = _Workers(min(jobs, len(jobs_)))
        try:
            counts = list(workers.map(_merge_part, jobs_))
        finally:
            workers.close()
    finally:
        shutil.rmtree(runs_dir, ignore_errors=True)
    # the parts in one file each, kept for the next build's splice and linked as the outputs
    nt, ttl = graphcache.whole_files(parts_dir)
    for target, parts in ((nt, [j[1] for j in jobs_]), (ttl, [j[2] for j in jobs_])):
        if len(parts) == 1:
            os.replace(parts[0], target)
        else:
            _concat(target, parts)
            for part in parts:
                part.unlink()
    keeper.finish(em, [], [sum(counts)], parts_dir)
    return [nt], [ttl], sum(counts), {"graph_full": 1}


_EMITTER: Emitter | None = None  # the resolved emitter of the graph step, inherited by its workers


def _set_emitter(em: Emitter | None) -> None:
    global _EMITTER
    _EMITTER = em


def _emit_batch(job: tuple[list[tuple[str, bytes]], list[str], Path, int]
                ) -> tuple[list[Path], graphcache.Tally, dict]:
    """One batch of papers -> a sorted run on disk, its tally, and the links it defers (of
    papers several abstracts share: they wait for all of them, in the parent)."""
    rows, bounds, runs_dir, i = job
    em = _EMITTER
    assert em is not None
    # this batch's deferred links apart, also when the batch runs in the parent (jobs == 1)
    before, em.deferred = em.deferred, defaultdict(list)
    tally, lines = graphcache.Tally(), []
    try:
        for packed, doc in decode_records(rows):
            rec = unpack(packed)
            em.reads = set()
            items = em.emit(rec, doc)
            tally.source(str(paper_iri(doc)), [rec.key], items, em.reads)
            lines += items
    finally:
        em.reads = None
        deferred, em.deferred = em.deferred, before
    tally.close(keep=em.shared)
    return _write_run(lines, bounds, runs_dir, i), tally, dict(deferred)


def part_bounds(jobs: int) -> list[str]:
    """Where the sorted key space is cut into `jobs` parts: most lines are evidence records,
    whose IRIs end in a uniform hash, so cutting on its first hex digit balances the parts.
    A cut never splits a subject, so the parts' Turtle concatenates into the whole's."""
    n = max(1, min(jobs, 16))
    return [f"<{RES}evidence/{16 * i // n:x}" for i in range(1, n)]


def _write_run(lines: list[str], bounds: list[str], folder: Path, i: int) -> list[Path]:
    # runs are UTF-8 bytes: encoded once here, never decoded again by the merge (UTF-8 sorts
    # as the code points do, so the order and the output are the same as sorting str)
    uniq = sorted(set("".join(lines).encode("utf-8").split(b"\n")) - {b""})  # items hold whole lines
    cuts = [0, *(bisect.bisect_left(uniq, b.encode("utf-8")) for b in bounds), len(uniq)]
    paths = []
    for p in range(len(cuts) - 1):
        path = folder / f"run-{i:05d}-{p:02d}.nt"
        with path.open("wb") as fh:
            if cuts[p + 1] > cuts[p]:
                fh.write(b"\n".join(uniq[cuts[p]:cuts[p + 1]]) + b"\n")
        paths.append(path)
    return paths


def _merge_part(job: tuple[list[Path], Path, Path, bool]) -> int:
    from kg.store import ntriples_to_turtle_body, turtle_header

    runs, nt_part, ttl_part, first = job
    n = merge_runs(runs, nt_part)
    with atomic_open(ttl_part, "wb") as out:
        if first:  # the Turtle of the whole starts with the prefixes
            out.write(turtle_header(TURTLE_PREFIXES))
        ntriples_to_turtle_body(nt_part, out, TURTLE_PREFIXES)
    return n


def merge_runs(runs: list[Path], target: Path) -> int:
    """k-way merge of sorted runs into one sorted file without duplicates; lines written."""
    files = [p.open("rb") for p in runs]
    n = 0
    try:
        with atomic_open(target, "wb") as out:
            # groupby drops the duplicates; a write per chunk, not per line (18M lines at 100k)
            unique = map(itemgetter(0), itertools.groupby(heapq.merge(*files)))
            while chunk := list(itertools.islice(unique, 1 << 16)):
                out.write(b"".join(chunk))
                n += len(chunk)
    finally:
        for f in files:
            f.close()
    return n


# ---------------------------------------------------------------- in-memory API
def extract_graph(inputs: Iterable[str | Path], reference: date | None = None,
                  on_file: Callable | None = None, on_doc: Callable | None = None,
                  jobs: int = 1) -> BuildResult:
    """A build with no output folder; the graph is loaded into rdflib (small corpora)."""
    with tempfile.TemporaryDirectory(prefix="kg-build-") as tmp:
        result = build(inputs, Path(tmp), reference, on_file, on_doc, jobs)
        result.graph  # noqa: B018  (load it before the folder goes)
        result.nt_parts, result.ttl_parts = [], []
    return result


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


def graph_lines(g: Graph) -> list[str]:
    """An rdflib graph as sorted N-Triples lines, in pyoxigraph's (the build's) spelling."""
    from kg.store import canonical_ntriples

    return sorted(set(canonical_ntriples(g.serialize(format="nt", encoding="utf-8"))))


def write_outputs(result: BuildResult, out: Path, with_map: bool = True,
                  ntriples: bool = False) -> list[Path]:
    """graph.ttl (graph.nt), inferred.ttl and lineage.html, each written atomically. An
    inconsistent graph is not written: the last good build stays in place."""
    from kg.store import ntriples_to_turtle_body, turtle_header

    if result.consistent is False:
        return []
    t = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kg-write-", dir=out) as tmp:
        nt_parts, ttl_parts = result.nt_parts, result.ttl_parts
        if result._graph is not None or not nt_parts:  # loaded, perhaps changed since
            nt_parts, ttl_parts = [Path(tmp) / "graph.nt"], [Path(tmp) / "graph.ttl"]
            nt_parts[0].write_text("".join(graph_lines(result.graph)), encoding="utf-8")
            with ttl_parts[0].open("wb") as fh:
                fh.write(turtle_header(TURTLE_PREFIXES))
                ntriples_to_turtle_body(nt_parts[0], fh, TURTLE_PREFIXES)
        written = [out / "graph.ttl"]
        _place(written[0], ttl_parts)
        if ntriples:
            written.append(out / "graph.nt")
            _place(written[-1], nt_parts)
    if result.inferred is not None:
        written.append(out / "inferred.ttl")
        _write_turtle(result.inferred, written[-1])
    result.timings["write"] = time.perf_counter() - t
    if with_map:
        from kg.map import write_map

        t = time.perf_counter()
        stats = write_map(result.graph, out / "lineage.html")
        result.map_nodes, result.map_edges = stats.nodes, stats.edges
        written.append(out / "lineage.html")
        result.timings["map"] = time.perf_counter() - t
    return written


def _place(target: Path, parts: list[Path]) -> None:
    """The concatenation of `parts` as `target`, atomically: one part (what a build leaves)
    is hard-linked, not copied (GBs at 100k abstracts). The kept graph is never written in
    place (kg.splice writes a new file and renames it), so the link keeps this build's
    bytes; kg.graphcache checks the kept files' size, time and inode before it splices, so
    an output edited in place makes the next graph step a full one."""
    if len(parts) == 1:
        tmp = target.with_name(f".{target.name}.{os.getpid()}.link")
        try:
            tmp.unlink(missing_ok=True)
            os.link(parts[0], tmp)
            os.replace(tmp, target)
            return
        except OSError:  # no hard links here (another file system, FAT): copy
            tmp.unlink(missing_ok=True)
    _concat(target, parts)


def _concat(target: Path, parts: list[Path], head: bytes = b"") -> None:
    from kg.splice import copy_range

    with atomic_open(target, "wb") as fh:
        fh.write(head)
        for part in parts:
            with part.open("rb") as src:
                copy_range(src, fh, 0, os.fstat(src.fileno()).st_size)


def _write_turtle(g: Graph, path: Path) -> None:
    from kg.store import ntriples_to_turtle

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".nt", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(graph_lines(g))
        ntriples_to_turtle(Path(tmp), path, TURTLE_PREFIXES)
    finally:
        Path(tmp).unlink(missing_ok=True)
