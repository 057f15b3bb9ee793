"""N-Triples terms as text: the build writes its triples as lines, never as rdflib objects,
because making millions of Python term objects costs more than the rest of the build.
The escaping is N-Triples' (what pyoxigraph writes), so lines compare and sort as text."""

import re

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}
_CONTROL = {chr(c) for c in range(0x20)} | {"\x7f"}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_IRI_BAD = set('<>"{}|^`\\ ') | {chr(c) for c in range(0x21)}
_IRI_BAD_RE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
XSD = "http://www.w3.org/2001/XMLSchema#"


def iri(value: str) -> str:
    if _IRI_BAD_RE.search(value):  # a name that slipped through as an IRI part
        value = "".join(f"%{ord(c):02X}" if c in _IRI_BAD else c for c in value)
    return f"<{value}>"


def _escape(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):
        return text
    return "".join(_ESCAPES.get(c) or (f"\\u{ord(c):04X}" if c in _CONTROL else c) for c in text)


def literal(text: str, datatype: str | None = None) -> str:
    lit = f'"{_escape(text)}"'
    return lit if datatype is None else f"{lit}^^<{datatype}>"


def integer(n: int) -> str:
    return literal(str(n), XSD + "integer")


def triple(s: str, p: str, o: str) -> str:
    return f"{s} {p} {o} .\n"
