"""A small change applied to a sorted N-Triples file and to its Turtle, copying the bytes of
every subject it does not touch.

Both files hold the same subjects in the same order: in the N-Triples a subject's lines are
consecutive, in pyoxigraph's Turtle each subject is one block that starts at a line without
a leading tab (literals never span lines: pyoxigraph escapes newlines) and depends on that
subject's triples only. So a subject found in both by binary search can be replaced, dropped
or inserted without reading the rest, and the result is the bytes a conversion of the whole
file would give."""

import mmap
import re
from collections import defaultdict
from pathlib import Path

from kg.atomic import atomic_open
from kg.store import turtle_body

_ESC = re.compile(rb"\\(.)")
_BLOCK = re.compile(rb"^(?!\t)", re.M)
_NEXT_BLOCK = re.compile(rb"\n(?=[^\t])")  # ends where a block starts (no leading tab)


def subject(line: bytes) -> bytes:
    return line[:line.index(b" ")]


class _Text:
    """A file's bytes, mapped (an empty file cannot be)."""

    def __init__(self, path: Path):
        self.fh = path.open("rb")
        size = path.stat().st_size
        self.data = mmap.mmap(self.fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        if size:  # bisection: no read-ahead around each probe
            self.data.madvise(mmap.MADV_RANDOM)

    def unmap(self) -> None:
        """Let go of the pages probed so far: they stay in the page cache, but would count in
        this process's resident memory (GBs of it after thousands of bisections at 100k)."""
        if isinstance(self.data, mmap.mmap):
            self.data.madvise(mmap.MADV_DONTNEED)

    def close(self) -> None:
        if isinstance(self.data, mmap.mmap):
            self.data.close()
        self.fh.close()


def _line_end(data, start: int) -> int:
    return data.find(b"\n", start) + 1 or len(data)


def _first_line_at_least(data, key: bytes, lo: int, hi: int) -> int:
    """Offset of the first line in data[lo:hi] (lo, hi: line starts) that sorts >= key."""
    while lo < hi:
        start = data.rfind(b"\n", lo, (lo + hi) // 2) + 1 or lo
        end = _line_end(data, start)
        if data[start:end] < key:
            lo = end
        else:
            hi = start
    return lo


class _Turtle:
    """Blocks of a Turtle body, found by their subject in N-Triples spelling."""

    def __init__(self, data, prefixes: dict[str, str]):
        self.data = data
        self.prefixes = {k.encode(): v.encode() for k, v in prefixes.items()}

    def key(self, start: int) -> bytes:
        token = self.data[start:self.data.find(b" ", start)]
        if token.startswith(b"<"):
            return token
        prefix, local = token.split(b":", 1)
        return b"<" + self.prefixes[prefix] + _ESC.sub(rb"\1", local) + b">"

    def next_block(self, pos: int) -> int:
        """The first block start at or after pos (the end of the data if none)."""
        if pos == 0:
            return 0
        m = _NEXT_BLOCK.search(self.data, pos - 1)
        return m.end() if m else len(self.data)

    def find(self, key: bytes, lo: int) -> tuple[int, int]:
        """(start, end) of the subject's block at or after lo (a block start); start == end
        where it would go. Bisects on offsets: next_block(x) is monotone in x."""
        hi = len(self.data)
        while lo < hi:
            start = self.next_block((lo + hi) // 2)
            if start == len(self.data) or self.key(start) >= key:
                hi = (lo + hi) // 2
            else:
                lo = start + 1
        start = self.next_block(lo)
        if start < len(self.data) and self.key(start) == key:
            return start, self.next_block(start + 1)
        return start, start


def splice(nt_path: Path, ttl_path: Path, added: list[bytes], removed: set[bytes],
           prefixes: dict[str, str], body_start: int = 0) -> int:
    """Rewrite one part (its sorted N-Triples and their Turtle body) with `added` lines in and
    `removed` lines out (each a whole line with its newline); the change in line count. The
    Turtle's first `body_start` bytes (its @prefix lines) are copied as they are."""
    touched: dict[bytes, tuple[list[bytes], set[bytes]]] = defaultdict(lambda: ([], set()))
    for line in added:
        touched[subject(line)][0].append(line)
    for line in removed:
        touched[subject(line)][1].add(line)
    nt, ttl = _Text(nt_path), _Text(ttl_path)
    try:
        # each touched subject: where its lines and its block are now, and its new lines
        plan, pos, tpos, delta = [], 0, body_start, 0
        turtle = _Turtle(ttl.data, prefixes)
        for i, subj in enumerate(sorted(touched)):
            if i % 256 == 255:
                nt.unmap()
                ttl.unmap()
            adds, drops = touched[subj]
            a = _first_line_at_least(nt.data, subj + b" ", pos, len(nt.data))
            b = _first_line_at_least(nt.data, subj + b"!", a, len(nt.data))  # '!' follows ' '
            old = nt.data[a:b].splitlines(keepends=True)
            lines = sorted((set(old) - drops) | set(adds))
            ta, tb = turtle.find(subj, tpos)
            plan.append((a, b, ta, tb, lines))
            delta += len(lines) - len(old)
            pos, tpos = b, tb
        # the Turtle of every touched subject in one conversion, cut into its blocks
        body = turtle_body(b"".join(line for *_, lines in plan for line in lines), prefixes)
        starts = [m.start() for m in _BLOCK.finditer(body) if m.start() < len(body)]
        blocks = [body[s:e] for s, e in zip(starts, [*starts[1:], len(body)][:len(starts)],
                                             strict=True)]
        if len(blocks) != sum(1 for *_, lines in plan if lines):
            raise ValueError(f"{ttl_path}: Turtle blocks do not match the subjects")
        blocks.reverse()
        with atomic_open(nt_path, "wb") as nt_out, atomic_open(ttl_path, "wb") as ttl_out:
            pos = tpos = 0
            for a, b, ta, tb, lines in plan:
                copy_range(nt.fh, nt_out, pos, a)
                nt_out.writelines(lines)
                copy_range(ttl.fh, ttl_out, tpos, ta)
                if lines:
                    ttl_out.write(blocks.pop())
                pos, tpos = b, tb
            copy_range(nt.fh, nt_out, pos, len(nt.data))
            copy_range(ttl.fh, ttl_out, tpos, len(ttl.data))
    finally:
        nt.close()
        ttl.close()
    return delta


def copy_range(src, out, start: int, end: int) -> None:
    """src[start:end] appended to out, read a few MB at a time (slices of the map would put all
    of a GB part in memory at once). Not os.copy_file_range: over a splice's ~36k ranges at
    100k abstracts it measured 3x slower than this loop on ext4."""
    src.seek(start)
    while start < end:
        chunk = src.read(min(end - start, 1 << 22))
        out.write(chunk)
        start += len(chunk)
