"""Read files and folders of abstracts into de-duplicated documents.

Bad files are skipped with a diagnostic naming the file and the reason; the rest go on.
"""

import codecs
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kg.document import Document
from kg.readers import detect
from kg.readers.jsonl import BadLine, parse_line
from kg.report import Diagnostic, Severity

SUFFIXES = {".txt", ".text", ".jsonl", ".ndjson", ".abs", ""}
MAX_TEXT_BYTES = 64 * 1024 * 1024  # a text-layout file above this is not a page of abstracts
MAX_JSONL_LINE = 1024 * 1024  # one abstract never needs a megabyte


@dataclass
class Corpus:
    documents: dict[str, Document] = field(default_factory=dict)  # abstract key -> document
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_read: int = 0
    copies: int = 0  # abstracts read, counting repeats

    def add(self, doc: Document) -> None:
        self.copies += 1
        known = self.documents.get(doc.key)
        if known is None:
            self.documents[doc.key] = doc
        else:
            known.merge(doc)

    def warn(self, where: str | Path, message: str) -> None:
        self.diagnostics.append(Diagnostic(Severity.WARNING, str(where), message))


def expand(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given; folders walked in sorted order so runs are reproducible."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(p.startswith(".") for p in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUFFIXES:
                    yield child
        else:
            yield path


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Return (text, None) or (None, why not)."""
    if not data.strip():
        return None, "empty file"
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError as exc:
                return None, f"broken UTF-16 text at byte {exc.start}"
    if b"\x00" in data[:8192]:
        return None, "binary file (contains NUL bytes)"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            # cut inside the last character: keep everything before it
            return data[: exc.start].decode("utf-8-sig"), None
        return None, (
            f"not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8"
        )


def _read_jsonl(path: Path, corpus: Corpus, reference: date) -> None:
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            where = f"{path}#{n}"
            if len(raw) > MAX_JSONL_LINE:
                corpus.warn(where, f"line of {len(raw)} bytes is too long for an abstract; skipped")
                continue
            text, why = decode(raw)
            if text is None:
                corpus.warn(where, f"{why}; line skipped")
                continue
            try:
                doc = parse_line(text, where, reference)
            except BadLine as exc:
                corpus.warn(where, f"{exc}; line skipped")
                continue
            if doc:
                corpus.add(doc)


def read_file(path: Path, corpus: Corpus, reference: date) -> None:
    if path.suffix.lower() in {".jsonl", ".ndjson"}:
        _read_jsonl(path, corpus, reference)
        corpus.files_read += 1
        return
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        corpus.warn(path, f"{size} bytes is too large for a text layout (limit {MAX_TEXT_BYTES}); "
                          "split it or use JSON Lines")
        return
    text, why = decode(path.read_bytes())
    if text is None:
        corpus.warn(path, f"{why}; skipped")
        return
    reader = detect(text)
    if reader is None:
        corpus.warn(path, "unknown layout (no 'Abstract:' lines, profile entries, "
                          "JSON Lines or prose paragraph); skipped")
        return
    docs = reader.read(text, str(path), reference)
    if not docs:
        corpus.warn(path, f"layout {reader.name} but no abstract found; skipped")
        return
    corpus.files_read += 1
    for doc in docs:
        corpus.add(doc)


def read_corpus(inputs: Iterable[str | Path], reference: date | None = None,
                progress=None, corpus: Corpus | None = None, cache=None) -> Corpus:
    """Read every input into `corpus` (a new in-memory one by default); `progress(path)` is
    called once per file. `cache` (kg.manifest.FileCache) replays a file whose bytes are those
    of the last build instead of parsing it again, and keeps what each file read gave."""
    corpus = Corpus() if corpus is None else corpus
    reference = reference or date.today()
    for path in expand(inputs):
        ok = True
        try:
            if cache is None or not cache.replay(path, corpus, reference):
                read_file(path, corpus, reference)
        except OSError as exc:
            ok = False
            corpus.warn(path, f"cannot read: {exc.strerror or exc}; skipped")
        if cache is not None:
            cache.done(path, corpus, ok)
        if progress:
            progress(path)
    return corpus
