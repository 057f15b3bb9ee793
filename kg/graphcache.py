"""The graph step, full or incremental.

A full build resolves every record (sweep one), emits every paper's lines into sorted runs,
merges them into parts and turns each part into Turtle (kg.pipeline). It also keeps, in the
manifest, what the next build needs to update that graph instead of making it again:

- `graph` (meta): the resolver's counts (names per entity), the lineage pair counts, the
  papers shared by several abstracts, the graph's size, and the size and time of the kept
  files (parts/graph.nt and parts/graph.ttl, which the write step hard-links as outputs: a
  file edited in place no longer matches, and the next graph step runs in full);
- `graphed`: each paper's document and record as this graph was built from them;
- `support`: for every line that is not part of an evidence record, how many sources emit
  it (a source: a paper IRI with all its abstracts, or an entity), so a line goes only when
  the last source that emitted it does; an evidence record belongs to its one paper;
- `dep`: which entities and lineage pairs each paper's lines read;
- `ungraphed` (kg/manifest.py): the papers extracted since, so an update compares only their
  documents and records with the ones the graph was built from.

An incremental build then takes the changed papers' old records out of the counts and their
new ones in, re-assigns IRIs, and finds the sources whose lines can differ: papers added,
changed or removed, and papers that read an entity whose IRI or label changed or a pair
whose kinds changed. Only those are emitted, twice (as the last build did, from its records
and resolution, and as this one does); the difference goes into the parts by kg.splice. When
that reaches more than a quarter of the sources, the full step is cheaper and runs instead.
Either way the bytes are those of a full build.
"""

import copy
import hashlib
import pickle
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from kg.document import Document
from kg.graph import Emitter, entity_triples, pair_key, paper_iri, unpack
from kg.manifest import Manifest
from kg.resolve import Entity
from kg.vocab import RES

EVIDENCE = f"<{RES}evidence/"
FALLBACK = 0.25  # share of sources past which the full graph step runs instead
TABLES = ("CREATE TABLE IF NOT EXISTS graphed(key TEXT PRIMARY KEY, source TEXT NOT NULL,"
          " doc TEXT NOT NULL, record BLOB NOT NULL);"
          "CREATE INDEX IF NOT EXISTS graphed_source ON graphed(source);"
          "CREATE TABLE IF NOT EXISTS support(h BLOB PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;"
          "CREATE TABLE IF NOT EXISTS dep(k BLOB NOT NULL, source TEXT NOT NULL);"
          "CREATE INDEX IF NOT EXISTS dep_k ON dep(k);"
          "CREATE INDEX IF NOT EXISTS dep_source ON dep(source);")


def digest(x: object) -> bytes:
    return hashlib.blake2b(x if isinstance(x, bytes) else repr(x).encode(), digest_size=16).digest()


class Tally:
    """Sources' lines and reads, turned into `support` counts and `dep` rows. A worker of the
    graph step keeps one per batch of papers, the parent one for what waits (Keeper.join)."""

    def __init__(self) -> None:
        self.groups: dict[str, tuple[set, set]] = {}  # plain dict: a tally is pickled back
        self.keys: list[tuple[str, str]] = []
        self.counts: Counter[bytes] = Counter()
        self.dep: list[tuple[bytes, str]] = []

    def source(self, src: str, keys: Iterable[str], items: Iterable[str], reads: Iterable) -> None:
        """One source's lines (items) and what they read; a shared paper's parts add up."""
        lines, deps = self.groups.setdefault(src, (set(), set()))
        lines.update(i for i in items if not i.startswith(EVIDENCE))
        deps.update(reads)
        self.keys += [(k, src) for k in keys]

    def close(self, keep: set[str] | frozenset = frozenset()) -> None:
        """Count every source but those in `keep` (papers several abstracts share, whose
        parts can come in later batches): those stay in `groups`."""
        for src in [s for s in self.groups if s not in keep]:
            lines, deps = self.groups.pop(src)
            for line in lines:
                self.counts[digest(line.encode())] += 1
            self.dep += [(digest(k), src) for k in deps]


class Keeper:
    """Writes the tables above during a full graph step (kg.pipeline._emit_full)."""

    def __init__(self, man: Manifest):
        self.db = man.db
        self.db.executescript(TABLES)
        self.db.executescript("BEGIN; DELETE FROM graphed; DELETE FROM support; DELETE FROM dep;"
                              " DELETE FROM meta WHERE name = 'graph';"
                              " CREATE TEMP TABLE IF NOT EXISTS sources(key TEXT PRIMARY KEY,"
                              " source TEXT); DELETE FROM sources; COMMIT;")
        # counts wait in memory and go in at the end, support in key order and dep before its
        # indexes: random-order upserts into a B-tree were the cost (2.2M lines and 0.75M
        # dependencies at 100k abstracts)
        self.db.executescript("DROP INDEX IF EXISTS dep_k; DROP INDEX IF EXISTS dep_source;")
        self.counts: Counter[bytes] = Counter()
        self.tally = Tally()

    def source(self, src: str, keys: Iterable[str], items: Iterable[str], reads: Iterable) -> None:
        self.tally.source(src, keys, items, reads)

    def join(self, tally: Tally) -> None:
        """Write a closed tally's rows; the sources it kept open wait here for their other parts."""
        self.counts.update(tally.counts)
        for src, (lines, deps) in tally.groups.items():
            mine = self.tally.groups.setdefault(src, (set(), set()))
            mine[0].update(lines)
            mine[1].update(deps)
        self.db.execute("BEGIN")
        self.db.executemany("INSERT INTO dep VALUES (?, ?)", tally.dep)
        self.db.executemany("INSERT OR REPLACE INTO sources VALUES (?, ?)", tally.keys)
        self.db.execute("COMMIT")

    def flush(self) -> None:
        """Write every source gathered here (the workers' open ones included)."""
        tally, self.tally = self.tally, Tally()
        tally.close()
        self.join(tally)

    def entities(self, em: Emitter) -> None:
        """Each entity is a source of its own lines (type, label, alternative labels)."""
        self.flush()
        for ent in em.resolver.entities.values():
            for line in set(entity_triples(ent)):
                self.counts[digest(line.encode())] += 1

    def finish(self, em: Emitter, bounds: list[str], counts: list[int], parts_dir: Path) -> None:
        self.db.execute("BEGIN")
        self.db.executemany("INSERT INTO support VALUES (?, ?)", sorted(self.counts.items()))
        self.counts.clear()
        self.db.execute("CREATE INDEX IF NOT EXISTS dep_k ON dep(k)")
        self.db.execute("CREATE INDEX IF NOT EXISTS dep_source ON dep(source)")
        self.db.execute("INSERT INTO graphed SELECT c.key, s.source, c.doc, d.record FROM corpus c"
                        " JOIN docs d ON d.key = c.key JOIN sources s ON s.key = c.key")
        save_state(self.db, em, bounds, counts, parts_dir)
        self.db.execute("DELETE FROM ungraphed")
        self.db.execute("COMMIT")


def whole_files(parts_dir: Path) -> tuple[Path, Path]:
    """The kept graph: its sorted N-Triples, and its Turtle (with the @prefix lines)."""
    return parts_dir / "graph.nt", parts_dir / "graph.ttl"


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns  # not the inode: a copy made with cp -a is as good


def save_state(db, em: Emitter, bounds: list[str], counts: list[int], parts_dir: Path) -> None:
    # the files' stamps: they are hard-linked as the build's outputs (kg.pipeline._place), so
    # a graph.ttl edited in place would edit them; then the next graph step runs in full
    state = {"entities": em.resolver.entities, "pairs": em.pairs, "shared": em.shared,
             "bounds": bounds, "counts": counts,
             "stamps": [_stamp(p) for p in whole_files(parts_dir)]}
    db.execute("INSERT OR REPLACE INTO meta VALUES ('graph', ?)",
               (pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL),))


class _Overlay(Mapping):
    """The last build's view: `old` holds what changed (None: did not exist then)."""

    def __init__(self, old: dict, new: Mapping):
        self.old, self.new = old, new

    def __getitem__(self, key):
        if key in self.old:
            if self.old[key] is None:
                raise KeyError(key)
            return self.old[key]
        return self.new[key]

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __iter__(self):
        raise NotImplementedError

    def __len__(self):
        raise NotImplementedError


def update(man: Manifest, parts_dir: Path, lex, prefixes: dict[str, str]
           ) -> tuple[list[Path], list[Path], int, dict] | None:
    """The graph of the last build updated in place; None when it cannot be (no kept graph,
    or too much changed): the caller then runs the full step."""
    from kg.splice import splice

    db = man.db
    db.executescript(TABLES)
    from kg.store import turtle_header

    state = man.get("graph")
    nt_path, ttl_path = whole_files(parts_dir)
    nt_parts, ttl_parts = [nt_path], [ttl_path]
    try:
        if not state or state.get("stamps") != [_stamp(p) for p in (nt_path, ttl_path)]:
            return None
    except OSError:  # a file gone
        return None
    bounds: list[str] = state["bounds"]  # type: ignore[index]
    # papers whose record or document differ from the ones the graph was built from: gone from
    # the corpus, new to it, or extracted since (`ungraphed`; a changed document is extracted
    # again), so the blobs of the others are not read
    gone = db.execute("SELECT g.key, g.source, g.doc, g.record FROM graphed g"
                      " WHERE g.key NOT IN (SELECT key FROM corpus) UNION ALL"
                      " SELECT g.key, g.source, g.doc, g.record FROM ungraphed u"
                      " JOIN graphed g ON g.key = u.key JOIN corpus c ON c.key = g.key"
                      " JOIN docs d ON d.key = g.key WHERE c.doc != g.doc OR d.record != g.record"
                      ).fetchall()
    came = db.execute("SELECT c.key, c.doc, d.record FROM corpus c JOIN docs d ON d.key = c.key"
                      " WHERE c.key NOT IN (SELECT key FROM graphed) UNION ALL"
                      " SELECT c.key, c.doc, d.record FROM ungraphed u JOIN corpus c ON c.key = u.key"
                      " JOIN docs d ON d.key = c.key JOIN graphed g ON g.key = c.key"
                      " WHERE c.doc != g.doc OR d.record != g.record").fetchall()
    n_sources = db.execute("SELECT COUNT(DISTINCT source) FROM graphed").fetchone()[0]
    if len(gone) + len(came) > FALLBACK * n_sources:
        return None

    em = Emitter(lex)
    em.resolver.entities = state["entities"]  # type: ignore[index]
    em.pairs = state["pairs"]  # type: ignore[index]
    em.view, em.pair_view = em.resolver.entities, em.pairs
    old_shared, em.shared = state["shared"], man.shared_papers(f"{RES}paper/")  # type: ignore[index]
    ents = em.resolver.entities
    new_recs = [(key, Document(**_json(doc)), unpack(pickle.loads(rec))) for key, doc, rec in came]
    old_recs = [(key, src, Document(**_json(doc)), unpack(pickle.loads(rec)))
                for key, src, doc, rec in gone]

    # the counts: the old records out, the new in; what they touch, as it was
    old_ents: dict[tuple, Entity | None] = {}
    old_pairs: dict[tuple, dict | None] = {}
    for rec in [r for *_, r in old_recs] + [r for *_, r in new_recs]:
        for m in rec.resolve + [x for s, _, o, *_ in rec.found for x in (s, o) if not isinstance(x, int)]:
            key = em._key(m)
            if key is not None and key not in old_ents:
                old_ents[key] = _frozen(ents.get(key))
        for sk, ok, _ in em.pair_keys(rec):
            if (sk, ok) not in old_pairs:
                old_pairs[(sk, ok)] = copy.copy(em.pairs.get((sk, ok)))
    for *_, rec in old_recs:
        em.remove(rec)
    for *_, rec in new_recs:
        em.add(rec)
    # IRIs come from labels over all entities (a slug clash moves a suffix): assign them all
    was = {key: ent.iri for key, ent in ents.items() if key[0] != "iri"}
    for key in was:
        ents[key].iri = None
    em.resolver.assign_iris()
    em.resolved = True
    for key, iri in was.items():
        if key not in old_ents and ents[key].iri != iri:
            old_ents[key] = _frozen(ents[key], iri)
    changed = {k for k, e in old_ents.items() if _face(e) != _face(ents.get(k))}
    changed_pairs = {pair_key(*k) for k, c in old_pairs.items()
                     if set(c or ()) != set(em.pairs.get(k, ()))}
    shared_flipped = old_shared ^ em.shared
    shown = {k for k in changed if (e := old_ents[k]) is None or k not in ents
             or (e.iri, e.label) != (ents[k].iri, ents[k].label)}

    # the sources to emit again
    dirty = {src for _, src, _, _ in old_recs} | {str(paper_iri(doc)) for _, doc, _ in new_recs}
    dirty |= shared_flipped
    keys = [digest(k) for k in shown | changed_pairs]
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        dirty |= {row[0] for row in db.execute(
            f"SELECT DISTINCT source FROM dep WHERE k IN ({','.join('?' * len(chunk))})", chunk)}
    if len(dirty) > FALLBACK * n_sources:
        return None

    old_em = Emitter(lex)
    old_em.resolver = em.resolver  # the same name keys; the entities and pairs as they were
    old_em.view, old_em.pair_view = _Overlay(old_ents, ents), _Overlay(old_pairs, em.pairs)
    old_em.shared, old_em.resolved = old_shared, True

    net: Counter = Counter()  # line -> sources gained minus sources lost
    new_members: dict[str, list] = defaultdict(list)
    for key, doc, rec in new_recs:
        new_members[str(paper_iri(doc))].append((key, doc, rec))
    gone_keys = {key for key, *_ in gone}
    deps: list[tuple[bytes, str]] = []
    for src in sorted(dirty):
        rows = db.execute("SELECT key, doc, record FROM graphed WHERE source = ?", (src,)).fetchall()
        members = [(k, Document(**_json(d)), unpack(pickle.loads(r))) for k, d, r in rows]
        before = _emit_source(old_em, members)
        em.reads = set()
        after = _emit_source(em, [m for m in members if m[0] not in gone_keys] + new_members[src])
        deps += [(digest(k), src) for k in em.reads]
        em.reads = None
        net.update(after - before)
        net.subtract(before - after)
    for key in changed:
        before = set(entity_triples(old_ents[key])) if old_ents[key] is not None else set()
        after = set(entity_triples(ents[key])) if key in ents else set()
        net.update(after - before)
        net.subtract(before - after)

    db.execute("DELETE FROM meta WHERE name = 'graph'")  # until the parts are consistent again
    added, removed = _transitions(db, net)
    counts = list(state["counts"])  # type: ignore[index]
    cuts = [b.encode() for b in bounds]
    for p in range(len(bounds) + 1):
        lo, hi = (cuts[p - 1] if p else b""), (cuts[p] if p < len(cuts) else None)
        part_add = sorted(x for x in added if x >= lo and (hi is None or x < hi))
        part_rm = {x for x in removed if x >= lo and (hi is None or x < hi)}
        if part_add or part_rm:
            counts[p] += splice(nt_parts[p], ttl_parts[p], part_add, part_rm, prefixes,
                                len(turtle_header(prefixes)))

    # what the next build starts from
    db.execute("BEGIN")
    for src in dirty:
        db.execute("DELETE FROM dep WHERE source = ?", (src,))
    db.executemany("INSERT INTO dep VALUES (?, ?)", deps)
    db.executemany("DELETE FROM graphed WHERE key = ?", [(k,) for k in gone_keys])
    db.executemany("INSERT OR REPLACE INTO graphed VALUES (?, ?, ?, ?)",
                   [(key, str(paper_iri(Document(**_json(doc)))), doc, rec) for key, doc, rec in came])
    save_state(db, em, bounds, counts, parts_dir)
    db.execute("DELETE FROM ungraphed")
    db.execute("COMMIT")
    info = {"graph_papers": len(gone_keys | {k for k, *_ in came}), "graph_sources": len(dirty),
            "graph_entities": len(changed), "graph_lines_changed": len(added) + len(removed)}
    return nt_parts, ttl_parts, sum(counts), info


def _emit_source(em: Emitter, members: list) -> set[str]:
    """Every line one source emits: its abstracts, then the links they share."""
    items: list[str] = []
    for _, doc, rec in members:
        items += em.emit(rec, doc)
    items += em.shared_links()
    return {line + "\n" for line in "".join(items).split("\n")[:-1]}


def _transitions(db, net: Counter) -> tuple[list[bytes], set[bytes]]:
    """Lines that appear (no source had them) and lines that go (their last source did)."""
    added: list[bytes] = []
    removed: set[bytes] = set()
    updates, deletes = [], []
    for line, n in net.items():
        if n == 0:
            continue
        data = line.encode()
        if line.startswith(EVIDENCE):  # one owner: in or out
            (added.append(data) if n > 0 else removed.add(data))
            continue
        h = digest(data)
        row = db.execute("SELECT n FROM support WHERE h = ?", (h,)).fetchone()
        was = row[0] if row else 0
        now = was + n
        if now < 0:
            raise ValueError(f"support below zero: {line!r}")
        if was == 0 and now > 0:
            added.append(data)
        elif was > 0 and now == 0:
            removed.add(data)
        (updates.append((h, now)) if now else deletes.append((h,)))
    db.execute("BEGIN")
    db.executemany("INSERT OR REPLACE INTO support VALUES (?, ?)", updates)
    db.executemany("DELETE FROM support WHERE h = ?", deletes)
    db.execute("COMMIT")
    return added, removed


def _frozen(ent: Entity | None, iri=None) -> Entity | None:
    """A copy of an entity as it is now (its counts are about to change)."""
    if ent is None:
        return None
    out = Entity(ent.key, ent.kind, iri if iri is not None else ent.iri, ent.fixed_label,
                 dict(ent.names), dict(ent.short))
    return out


def _face(ent: Entity | None) -> tuple | None:
    """What lines show of an entity."""
    return None if ent is None else (ent.iri, ent.label, tuple(ent.alt_labels))


def _json(text: str) -> dict:
    import json

    return json.loads(text)
