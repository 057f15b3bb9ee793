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
import os
import pickle
import sqlite3
import stat
from array import array
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from kg.corpus import Corpus
from kg.document import Document

ROOT = Path(__file__).resolve().parent
# what extraction and graph output depend on; the reasoner and store do not change them
_VERSIONED = ("extract", "readers", "graph.py", "resolve.py", "ntriples.py", "document.py",
              "corpus.py", "vocab.py", "graphcache.py", "splice.py")
SCHEMA = 2  # 2: files and file_docs (FileCache), words (WordIndex)


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


def decode_records(rows: Iterable[tuple[str | None, bytes]]) -> list[tuple[object, Document | None]]:
    return [(pickle.loads(rec), Document(**json.loads(doc)) if doc else None) for doc, rec in rows]


class Manifest:
    """`docs`: cached results by abstract key; `corpus`: this build's papers, in reading order
    (a temporary table, gone with the connection)."""

    def __init__(self, path: Path, version: str | None = None):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)  # transactions are explicit
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value BLOB);"
            "CREATE TABLE IF NOT EXISTS docs(key TEXT PRIMARY KEY, hash TEXT NOT NULL,"
            " learned BLOB, record BLOB);"
            # what reading each input file gave (FileCache), and which papers spell each word
            "CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, sig TEXT NOT NULL,"
            " files_read INTEGER NOT NULL, diags BLOB NOT NULL, unique_keys INTEGER NOT NULL);"
            "CREATE TABLE IF NOT EXISTS file_docs(path TEXT NOT NULL, n INTEGER NOT NULL,"
            " key TEXT NOT NULL, doc TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY(path, n))"
            " WITHOUT ROWID;"
            "CREATE TABLE IF NOT EXISTS words(word TEXT PRIMARY KEY, ids BLOB NOT NULL)"
            " WITHOUT ROWID;"
            # papers extracted since the kept graph was last brought up to date (graphcache)
            "CREATE TABLE IF NOT EXISTS ungraphed(key TEXT PRIMARY KEY) WITHOUT ROWID;")
        self.version = version or code_version()
        if self.get("version") != self.version:  # new code: nothing cached is trusted
            self.db.executescript("BEGIN; DELETE FROM docs; DELETE FROM meta; DELETE FROM files;"
                                  " DELETE FROM file_docs; DELETE FROM words; DELETE FROM ungraphed; COMMIT;")
            self.put("version", self.version)
        self.full_rebuild = self.get("known") is None
        self.recording: list[tuple[str, str, str]] | None = None  # add_doc's rows, for FileCache

    # ------------------------------------------------------------------ meta
    def get(self, name: str) -> object:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else pickle.loads(row[0])

    def put(self, name: str, value: object) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, _dumps(value)))

    # ------------------------------------------------------------------ this build's corpus
    def start_corpus(self) -> None:
        # a temporary table: only this build reads it, so it costs no journal and no DROP of
        # the last build's (2 s at 100k abstracts); manifests of older code kept it on disk
        if self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'corpus'").fetchone():
            self.db.execute("DROP TABLE main.corpus")
        self.db.executescript(
            "DROP TABLE IF EXISTS temp.corpus;"
            "CREATE TEMP TABLE corpus(seq INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL,"
            " doc TEXT NOT NULL, hash TEXT NOT NULL);"
            "BEGIN;")

    def add_doc(self, doc: Document) -> bool:
        """Store a paper read; False when it is another copy of one already stored (merged)."""
        fields = _fields(doc)
        row = (doc.key, json.dumps(fields), _hash(fields))
        if self.recording is not None:
            self.recording.append(row)
        return self._add_row(*row, doc)

    def _add_row(self, key: str, text: str, h: str, doc: Document | None = None) -> bool:
        """add_doc of a paper as its JSON text and hash (`doc`: the same paper, if at hand)."""
        cur = self.db.execute("INSERT OR IGNORE INTO corpus(key, doc, hash) VALUES (?, ?, ?)",
                              (key, text, h))
        if cur.rowcount:
            return True
        (old,) = self.db.execute("SELECT doc FROM corpus WHERE key = ?", (key,)).fetchone()
        known = Document(**json.loads(old))
        known.merge(doc if doc is not None else Document(**json.loads(text)))
        self.db.execute("UPDATE corpus SET doc = ?, hash = ? WHERE key = ?",
                        (json.dumps(_fields(known)), doc_hash(known), key))
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
    def _in_order(self, columns: str, where: str, batch: int) -> Iterator[list[tuple]]:
        """`columns` of corpus c JOIN docs d in reading order, `batch` rows at a time (paged on
        c.seq, so no query holds the whole corpus)."""
        last = 0
        while True:
            rows = self.db.execute(
                f"SELECT c.seq, {columns} FROM corpus c JOIN docs d ON c.key = d.key"
                f" WHERE c.seq > ? AND ({where}) ORDER BY c.seq LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [row[1:] for row in rows]

    def docs(self, where: str = "1", batch: int = 1000) -> Iterator[list[tuple[str, Document]]]:
        """Papers in reading order, `batch` at a time; `where` filters on d (docs)."""
        for rows in self._in_order("c.key, c.doc", where, batch):
            yield [(key, Document(**json.loads(doc))) for key, doc in rows]

    def records(self, batch: int = 1000, with_docs: bool = True
                ) -> Iterator[list[tuple[object, Document | None]]]:
        """Cached records in corpus order, with their papers unless `with_docs` is False."""
        doc_col = "c.doc" if with_docs else "NULL"
        for rows in self._in_order(f"{doc_col}, d.record", "1", batch):
            yield decode_records(rows)

    def packed_records(self, batch: int = 1000) -> Iterator[list[tuple[str, bytes]]]:
        """records() as stored (document JSON, pickled record), for decode_records in the
        process that uses them: a worker decodes faster than a pipe carries the objects."""
        yield from self._in_order("c.doc, d.record", "1", batch)

    def docs_with_ids(self, where: str = "1", batch: int = 1000
                      ) -> Iterator[list[tuple[str, Document, int]]]:
        """docs(), each paper with its row id in `docs` (what WordIndex lists)."""
        for rows in self._in_order("c.key, c.doc, d.rowid", where, batch):
            yield [(key, Document(**json.loads(doc)), i) for key, doc, i in rows]

    def docs_by_id(self, ids: Iterable[int], where: str = "1", batch: int = 500
                   ) -> Iterator[list[tuple[str, Document, int]]]:
        """The papers of these `docs` row ids (ids of rows gone are skipped), in reading order,
        each with its id."""
        ids = sorted(ids)
        found = []
        for i in range(0, len(ids), batch):
            chunk = ids[i:i + batch]
            found += self.db.execute(
                f"SELECT c.seq, c.key, c.doc, d.rowid FROM corpus c JOIN docs d ON c.key = d.key"
                f" WHERE d.rowid IN ({','.join('?' * len(chunk))}) AND ({where})", chunk).fetchall()
        found.sort()
        for i in range(0, len(found), batch):
            yield [(key, Document(**json.loads(doc)), n) for _, key, doc, n in found[i:i + batch]]

    # ------------------------------------------------------------------ word index
    def add_words(self, postings: dict[str, array]) -> None:
        """Note which papers (`docs` row ids) spell each word (WordIndex: the lists only grow;
        an id whose row is gone or reused is a false candidate, checked again on use)."""
        rows = []
        for word in sorted(postings):
            old = self.db.execute("SELECT ids FROM words WHERE word = ?", (word,)).fetchone()
            rows.append((word, (old[0] if old else b"") + postings[word].tobytes()))
        self.db.executemany("INSERT OR REPLACE INTO words VALUES (?, ?)", rows)

    def ids_with_words(self, words: Iterable[str]) -> dict[int, set[str]]:
        """The papers (`docs` row ids) that spell any of these words, and which of them."""
        ids: dict[int, set[str]] = {}
        for word in words:
            row = self.db.execute("SELECT ids FROM words WHERE word = ?", (word,)).fetchone()
            if row:
                a = array("q")
                a.frombytes(row[0])
                for i in a:
                    (ids.get(i) or ids.setdefault(i, set())).add(word)
        return ids

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
        self.db.executemany("INSERT OR IGNORE INTO ungraphed VALUES (?)", [(k,) for k, _ in rows])

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


# ---------------------------------------------------------------- input files read before
def _stat_key(st: os.stat_result) -> tuple:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def file_signature(path: Path, reference: date) -> tuple[str, tuple] | None:
    """What the papers read from a file depend on: its bytes (hashed: ~0.1 s for the 70 MB
    of a 100k corpus, against seconds to parse them; no trust in timestamps, so a file
    rewritten with the same size and time is read again), its path (papers' sources name
    it) and the reference year (dates without one; kg.readers.dates uses only the year).
    Also the file's stat, to check that it did not change while it was read. None for
    what is not a regular file (a pipe is read once)."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        return None
    h = hashlib.blake2b(digest_size=20)
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return f"{st.st_size}:{h.hexdigest()}:{reference.year}", _stat_key(st)


class FileCache:
    """Reads of input files kept in the manifest: a file whose signature (file_signature)
    is the one recorded gives the same papers, in the same order, with the same
    diagnostics, so they are copied into this build's corpus table instead of parsed, hashed
    and inserted one by one (the read step was 5.5 s of a +1% rebuild at 100k). Any other
    file is read as usual and what it gave is recorded for the next build."""

    def __init__(self, man: Manifest, corpus: Corpus):
        self.man, self.db, self.corpus = man, man.db, corpus
        self.pending: tuple | None = None
        self.seen: set[str] = set()
        self.replayed = 0

    def replay(self, path: Path, corpus: Corpus, reference: date) -> bool:
        name = str(path)
        self.seen.add(name)
        self.pending = None
        found = file_signature(path, reference)
        if found is None:
            return False
        sig, st = found
        row = self.db.execute("SELECT sig, files_read, diags, unique_keys FROM files WHERE path = ?",
                              (name,)).fetchone()
        if row is not None and row[0] == sig:
            self._copy(name, row[1], pickle.loads(row[2]), bool(row[3]))
            self.replayed += 1
            return True
        self.pending = (name, sig, st, len(corpus.diagnostics), corpus.files_read)
        self.man.recording = []
        return False

    def _copy(self, name: str, files_read: int, diags: list, unique: bool) -> None:
        corpus, db = self.corpus, self.db
        n = db.execute("SELECT COUNT(*) FROM file_docs WHERE path = ?", (name,)).fetchone()[0]
        clash = not unique or db.execute(
            "SELECT 1 FROM file_docs f JOIN corpus c ON c.key = f.key WHERE f.path = ? LIMIT 1",
            (name,)).fetchone()
        if clash:  # copies of papers already read: merged one by one, as add_doc does
            for key, text, h in db.execute("SELECT key, doc, hash FROM file_docs WHERE path = ?"
                                           " ORDER BY n", (name,)).fetchall():
                self.man._add_row(key, text, h)
        else:
            db.execute("INSERT INTO corpus(key, doc, hash) SELECT key, doc, hash FROM file_docs"
                       " WHERE path = ? ORDER BY n", (name,))
        corpus.copies += n
        corpus.files_read += files_read
        corpus.diagnostics += diags

    def done(self, path: Path, corpus: Corpus, ok: bool) -> None:
        """After the file was read (or replayed): record what a read gave, unless it failed
        or the file changed meanwhile (then the next build reads it again)."""
        rows, self.man.recording = self.man.recording, None
        if self.pending is None or rows is None:
            return
        name, sig, st, n_diags, n_files = self.pending
        self.pending = None
        try:
            same = ok and _stat_key(os.stat(path)) == st
        except OSError:
            same = False
        self.db.execute("DELETE FROM file_docs WHERE path = ?", (name,))
        self.db.execute("DELETE FROM files WHERE path = ?", (name,))
        if not same:
            return
        self.db.executemany("INSERT INTO file_docs VALUES (?, ?, ?, ?, ?)",
                            [(name, i, *r) for i, r in enumerate(rows)])
        self.db.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?)",
                        (name, sig, corpus.files_read - n_files,
                         _dumps(corpus.diagnostics[n_diags:]),
                         int(len({r[0] for r in rows}) == len(rows))))

    def finish(self) -> None:
        """Forget files this build did not read."""
        gone = [(p,) for (p,) in self.db.execute("SELECT path FROM files").fetchall()
                if p not in self.seen]
        self.db.executemany("DELETE FROM file_docs WHERE path = ?", gone)
        self.db.executemany("DELETE FROM files WHERE path = ?", gone)
