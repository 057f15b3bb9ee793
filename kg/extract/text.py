"""Text clean-up, sentences and tokens, all with offsets into the original abstract.

Every normalisation is length-preserving (one character for one), so an offset found
in the cleaned text is an offset in the abstract as published.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

_CHAR_MAP = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u200b": " ", "\ufeff": " ", "\u2010": "-", "\u2011": "-", "\u2012": "-",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"',
    "\u201d": '"', "\u00d7": "x", "\t": " ", "\r": " ", "\n": " ",
})
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_HTML_ENT = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6});")
_LATEX_CMD = re.compile(r"\$?\\(?:times|approx|sim|mathrm|textbf|textit|text|emph)\b\$?")
_DOLLAR = re.compile(r"\$")
# a URL holds names ("deepseek-ai/DeepSeek-V2") that are not mentions
_URL = re.compile(r"\b(?:https?://|www\.)[^\s\"'<>]+")
_FACTOR = re.compile(r"(\d) (x) ")


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


def _times(m: re.Match) -> str:
    # "3$\times$" reads as "3x": keep an x in place of the command, pad the rest
    s = m.group(0)
    return ("x" + " " * (len(s) - 1)) if "times" in s else " " * len(s)


def clean(text: str) -> str:
    """Same length as `text`: unicode punctuation folded, HTML and LaTeX markup blanked."""
    out = text.translate(_CHAR_MAP)
    # each pass only where its mark is present: most abstracts hold no markup at all
    if "http" in out or "www." in out:
        out = _URL.sub(_blank, out)
    if "<" in out:
        out = _HTML_TAG.sub(_blank, out)
    if "&" in out:
        out = _HTML_ENT.sub(_blank, out)
    if "\\" in out:
        out = _LATEX_CMD.sub(_times, out)
    if "$" in out:
        out = _DOLLAR.sub(" ", out)
    # "3 x" from "3$\times$" -> glue the factor so "3x faster" reads as one figure
    if " x " in out:
        out = _FACTOR.sub(lambda m: m.group(1) + m.group(2) + "  ", out)
    assert len(out) == len(text)
    return out


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # cleaned text of the sentence (same offsets as the abstract)


# A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote,
# except after abbreviations and initials that never end a sentence in abstracts.
_END = re.compile(r"[.!?](?=\s+[\"'(\[]?[A-Z0-9])")
_NO_BREAK = re.compile(r"(?:\b(?:e\.g|i\.e|et al|vs|cf|Fig|Eq|Sec|approx|resp|incl|No|Dr|Mr|Ms)"
                       r"|\b[A-Z])\.$")
MAX_SENTENCE = 2000  # longer runs are cut at clause punctuation so rules stay linear


def sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        if _NO_BREAK.search(text[max(0, m.start() - 8) : m.end()]):
            continue
        _add(out, text, start, m.end())
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = max(text.rfind(p, start, start + MAX_SENTENCE) for p in (";", ",", " "))
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        out.append(Sentence(start, cut, text[start:cut]))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


class Token:
    """A word with its offsets and its lower-cased text. `parts` (split at hyphens) is worked
    out on first use: most words are looked at once and dismissed. `lower` is set at once: a
    build reads every word lower-cased (`mentions.words_of_sentences`), and a property's call
    costs more than the lower-casing."""

    __slots__ = ("start", "end", "text", "lower", "_parts")
    # declared here, not in __init__: an annotated assignment to an attribute evaluates its
    # annotation on every call (`list[str] | None` builds two objects per token)
    _parts: list[str] | None

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text
        self.lower = text.lower()
        self._parts = None

    @property
    def parts(self) -> list[str]:
        if self._parts is None:
            self._parts = [p for p in self.text.split("-") if p]
        return self._parts

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.+_'&-]*[A-Za-z0-9+])?|[^\sA-Za-z0-9]")


@lru_cache(maxsize=4096)
def tokens(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Tokens of a sentence; cached because several recognisers walk the same sentence.
    Treat them as read-only."""
    if "'" not in text:  # no possessive to strip (most sentences): one comprehension
        return tuple([Token(offset + m.start(), offset + m.end(), m.group()) for m in _TOKEN.finditer(text)])
    out = []
    for m in _TOKEN.finditer(text):
        s = m.group()
        start = m.start()
        if "'" in s:
            # "models'" and "Qwen's": the possessive is not part of the name
            if s.endswith("'s"):
                s = s[:-2]
            elif s.endswith("'"):
                s = s[:-1]
            if not s:
                continue
        out.append(Token(offset + start, offset + start + len(s), s))
    return tuple(out)


def clear_caches() -> None:
    """Forget cached tokens (benchmarks time cold passes)."""
    tokens.cache_clear()
