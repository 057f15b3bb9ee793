"""The build manifest: an SQLite file in the output folder with every paper of the corpus
(merged copies, content hash, position), and per paper what the last builds computed from
it (names it teaches, its extraction record). It lets a build stream (papers wait on disk,
not in memory) and lets the next build redo only what changed.

A cached result is valid while the paper's content hash and the code version match; the
code version covers the extractor, the graph code (with the kept graph's, kg/graphcache.py)
and the ontology, so changing any of them makes the next build a full one.
"""

import functools
import hashlib
import json
import pickle
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from kg.corpus import Corpus
from kg.document import Document

ROOT = Path(__file__).resolve().parent
# what extraction and graph output depend on; the reasoner and store do not change them
_VERSIONED = ("extract", "readers", "graph.py", "resolve.py", "ntriples.py", "document.py",
              "corpus.py", "vocab.py", "graphcache.py", "splice.py")
SCHEMA = 1


@functools.lru_cache(maxsize=1)  # the code this process runs, even if files change meanwhile
def code_version() -> str:
    from kg.resources import ontology_files

    h = hashlib.sha1(f"schema {SCHEMA}".encode())
    files: list[Path] = []
    for name in _VERSIONED:
        path = ROOT / name
        files += sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
    files += sorted(Path(p) for p in ontology_files())
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def doc_hash(doc: Document) -> str:
    return _hash(_fields(doc))


def _fields(doc: Document) -> dict:
    # a Document's fields are strings and lists of strings: no need for asdict's deep copy,
    # which was half the read step of an incremental build
    return vars(doc)


def _hash(fields: dict) -> str:
    return hashlib.sha1(json.dumps(fields, sort_keys=True).encode()).hexdigest()


def _dumps(obj: object) -> bytes:
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


class Manifest:
    """`docs`: cached results by abstract key; `corpus`: this build's papers, in reading order."""

    def __init__(self, path: Path, version: str | None = None):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)  # transactions are explicit
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value BLOB);"
            "CREATE TABLE IF NOT EXISTS docs(key TEXT PRIMARY KEY, hash TEXT NOT NULL,"
            " learned BLOB, record BLOB);")
        self.version = version or code_version()
        if self.get("version") != self.version:  # new code: nothing cached is trusted
            self.db.executescript("BEGIN; DELETE FROM docs; DELETE FROM meta; COMMIT;")
            self.put("version", self.version)
        self.full_rebuild = self.get("known") is None

    # ------------------------------------------------------------------ meta
    def get(self, name: str) -> object:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else pickle.loads(row[0])

    def put(self, name: str, value: object) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, _dumps(value)))

    # ------------------------------------------------------------------ this build's corpus
    def start_corpus(self) -> None:
        self.db.executescript(
            "DROP TABLE IF EXISTS corpus;"
            "CREATE TABLE corpus(seq INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL,"
            " doc TEXT NOT NULL, hash TEXT NOT NULL);"
            "BEGIN;")

    def add_doc(self, doc: Document) -> bool:
        """Store a paper read; False when it is another copy of one already stored (merged)."""
        fields = _fields(doc)
        cur = self.db.execute("INSERT OR IGNORE INTO corpus(key, doc, hash) VALUES (?, ?, ?)",
                              (doc.key, json.dumps(fields), _hash(fields)))
        if cur.rowcount:
            return True
        (old,) = self.db.execute("SELECT doc FROM corpus WHERE key = ?", (doc.key,)).fetchone()
        known = Document(**json.loads(old))
        known.merge(doc)
        self.db.execute("UPDATE corpus SET doc = ?, hash = ? WHERE key = ?",
                        (json.dumps(_fields(known)), doc_hash(known), doc.key))
        return False

    def end_corpus(self) -> dict[str, int]:
        """Forget cached results of papers gone or changed; count what is left to do."""
        self.db.execute("DELETE FROM docs WHERE key NOT IN (SELECT key FROM corpus)")
        removed = self.db.execute("SELECT changes()").fetchone()[0]
        self.db.execute("DELETE FROM docs WHERE key IN (SELECT c.key FROM corpus c JOIN docs d"
                        " ON c.key = d.key WHERE c.hash != d.hash)")
        changed = self.db.execute("SELECT changes()").fetchone()[0]
        self.db.execute("INSERT INTO docs(key, hash) SELECT key, hash FROM corpus"
                        " WHERE key NOT IN (SELECT key FROM docs)")
        self.db.execute("COMMIT")
        return {"papers": self.count(), "removed": removed, "changed": changed}

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM corpus").fetchone()[0]

    # ------------------------------------------------------------------ per-paper results
    def docs(self, where: str = "1", batch: int = 1000) -> Iterator[list[tuple[str, Document]]]:
        """Papers in reading order, `batch` at a time; `where` filters on d (docs)."""
        last = 0
        while True:
            rows = self.db.execute(
                f"SELECT c.seq, c.key, c.doc FROM corpus c JOIN docs d ON c.key = d.key"
                f" WHERE c.seq > ? AND ({where}) ORDER BY c.seq LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [(key, Document(**json.loads(doc))) for _, key, doc in rows]

    def records(self, batch: int = 1000, with_docs: bool = True
                ) -> Iterator[list[tuple[object, Document | None]]]:
        """Cached records in corpus order, with their papers unless `with_docs` is False."""
        last, doc_col = 0, "c.doc" if with_docs else "NULL"
        while True:
            rows = self.db.execute(
                f"SELECT c.seq, {doc_col}, d.record FROM corpus c JOIN docs d ON c.key = d.key"
                " WHERE c.seq > ? ORDER BY c.seq LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [(pickle.loads(rec), Document(**json.loads(doc)) if doc else None)
                   for _, doc, rec in rows]

    def shared_papers(self, prefix: str) -> set[str]:
        """Paper IRIs (as kg.graph.paper_iri makes them) that more than one abstract holds."""
        return {row[0] for row in self.db.execute(
            "SELECT ? || COALESCE(json_extract(doc, '$.arxiv'), substr(key, 1, 12)) AS p"
            " FROM corpus GROUP BY p HAVING COUNT(*) > 1", (prefix,))}

    def learned(self) -> Iterator[dict]:
        for (blob,) in self.db.execute("SELECT d.learned FROM corpus c JOIN docs d"
                                       " ON c.key = d.key ORDER BY c.seq"):
            yield pickle.loads(blob)

    def set_learned(self, rows: list[tuple[str, dict]]) -> None:
        self.db.executemany("UPDATE docs SET learned = ? WHERE key = ?",
                            [(_dumps(v), k) for k, v in rows])

    def set_records(self, rows: list[tuple[str, object]]) -> None:
        self.db.executemany("UPDATE docs SET record = ? WHERE key = ?",
                            [(_dumps(v), k) for k, v in rows])

    def forget_records(self, keys: list[str]) -> None:
        self.db.executemany("UPDATE docs SET record = NULL WHERE key = ?", [(k,) for k in keys])

    def begin(self) -> None:
        self.db.execute("BEGIN")

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()


class SpillingCorpus(Corpus):
    """A Corpus whose papers go to the manifest as they are read, not into memory."""

    def __init__(self, manifest: Manifest):
        super().__init__()
        self.manifest = manifest

    def add(self, doc: Document) -> None:
        self.copies += 1
        self.manifest.add_doc(doc)
