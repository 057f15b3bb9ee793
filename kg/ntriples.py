"""N-Triples terms as text: the build writes its triples as lines, never as rdflib objects,
because making millions of Python term objects costs more than the rest of the build.
The escaping is N-Triples' (what pyoxigraph writes), so lines compare and sort as text."""

import re

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')  # the rest of these are control characters: \uXXXX
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
XSD = "http://www.w3.org/2001/XMLSchema#"


def iri(value: str) -> str:
    # percent-encodes what a name that slipped through as an IRI part may hold
    return "<" + _IRI_BAD.sub(lambda m: f"%{ord(m[0]):02X}", value) + ">"


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m[0]) or f"\\u{ord(m[0]):04X}", text)


def literal(text: str, datatype: str | None = None) -> str:
    lit = f'"{_escape(text)}"'
    return lit if datatype is None else f"{lit}^^<{datatype}>"


def integer(n: int) -> str:
    return literal(str(n), XSD + "integer")


def triple(s: str, p: str, o: str) -> str:
    return f"{s} {p} {o} .\n"
