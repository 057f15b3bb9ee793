"""Figures in their common forms: parameters (total and active), context length and
training tokens. Numbers are plain integers: '120 billion' -> 120000000000, '1M' -> 1000000."""

import re

from kg.extract.rx import Filtered

SCALE = {"k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6, "b": 10**9,
         "billion": 10**9, "t": 10**12, "trillion": 10**12}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50, "hundred": 100}
NUM = (r"(\d+(?:\.\d+)?|(?:" + "|".join(WORDS) + r")(?=\s+(?:thousand|million|billion|trillion)))"
       r"\s*-?\s*(thousand|million|billion|trillion|[KMBT])\b")


UNIT_ABBR = r"(?:\s*\([A-Z]\))?"  # "7 billion (B) parameters"


def value(number: str, unit: str) -> int:
    if not unit:  # "32,768 tokens"
        return int(number.replace(",", ""))
    n = WORDS[number.lower()] if number.lower() in WORDS else float(number)
    return round(n * SCALE[unit.lower()])


_PARAMS = [
    # "550 billion total and 55 billion active parameter", "671B total parameters with 37B activated"
    (re.compile(NUM + r"\s+total\b[^.;]{0,40}?" + NUM + r"\s+(?:are\s+|is\s+)?(?:active|activated)"),
     "total+active"),
    # "32 billion activated parameters and 1 trillion total parameters": active first
    (re.compile(NUM + r"\s+(?:active|activated|activation)\s+param\w*\s+and\s+" + NUM + r"\s+total\s+param"),
     "active+total"),
    # "a total of 389 billion parameters and 52 billion activation parameters"
    (re.compile(NUM + r"\s*(?:total\s+)?param\w*\s+and\s+" + NUM
                + r"\s+(?:active|activated|activation)\s+param"),
     "total+active"),
    # "120 billion (active 12 billion) parameter"
    (re.compile(NUM + r"\s*\(\s*(?:active|activated)\s+" + NUM + r"\s*\)\s*-?\s*param"), "total+active"),
    # "47B parameters, but only uses 13B active"
    (re.compile(NUM + r"\s*(?:total\s+)?param\w*[^.;]{0,40}?" + NUM + r"\s+(?:active|activated)"),
     "total+active"),
    # "8B parameters while only activating 2B for each token", "7 billion (B) parameters but
    # uses only 1B per input token"
    (re.compile(NUM + UNIT_ABBR + r"\s*(?:total\s+)?param\w*[^.;]{0,40}?\b(?:activat\w*|us(?:es|ing|e))\s+"
                r"(?:only\s+)?(?:about\s+)?" + NUM + r"\s+(?:[\w-]+\s+)?(?:per|for\s+(?:each|every))\b"),
     "total+active"),
    (re.compile(NUM + UNIT_ABBR + r"\s*-?\s*param\w*"), "total"),
    (re.compile(NUM + r"\s+(?:active|activated|activation)\s+param\w*"), "active"),
    (re.compile(r"\b(?:with|has|of)\s+" + NUM + r"\s+(?:total\s+)?param"), "total"),
]
_CONTEXT = [
    re.compile(r"context\s+(?:length|window|size)s?\s+(?:of\s+|to\s+)?(?:up\s+to\s+)?(?:~\s*)?"
               + NUM + r"(?:\s*tokens)?", re.I),
    # "extending the context length from 16K to 128K": the new length
    re.compile(r"context\s+(?:length|window|size)s?\s+from\s+[\d.]+\s*[KMB]?\s+(?:tokens\s+)?to\s+" + NUM,
               re.I),
    re.compile(r"(?:up\s+to\s+)?" + NUM + r"(?:\s*-?\s*tokens?)?\s+(?:token\s+)?context"
               r"(?:\s+(?:length|window))?", re.I),
    # "the context window of X can reach up to 1 million tokens"
    re.compile(r"context\s+(?:length|window|size)\s+of\s+§M\d+§\s+(?:can\s+|could\s+|will\s+)?(?:reach\w*|"
               r"extends?|is|spans?)\s+(?:up\s+to\s+)?" + NUM, re.I),
    # "longer context - at least 128K tokens"
    re.compile(r"context\s*(?:-|:|,)\s*(?:of\s+)?(?:at\s+least|up\s+to)\s+" + NUM + r"\s*tokens", re.I),
    # "up to 1M tokens of context"
    re.compile(r"(?:up\s+to\s+)?" + NUM + r"\s+tokens\s+of\s+context\b", re.I),
    # "extends the context window to 32,768 tokens": a plain count, no unit
    re.compile(r"context\s+(?:length|window|size)s?\s+(?:of\s+|to\s+)(?:up\s+to\s+)?(\d{1,3}(?:,\d{3})+|\d{4,7})()"
               r"\s+tokens\b", re.I),
]
_TOKENS = [
    re.compile(r"(?:pre-?train\w*|train\w*)\s+(?:an?\s+[^§.;]{0,40}?\(?§M\d+§\)?\s+|§M\d+§\s+|(?:it|them)\s+)?"
               r"(?:from\s+scratch\s+)?(?:on\s+(?:[^§.;\d]{0,80}?(?:of|with)\s+)?|for\s+)?(?:up\s+to\s+)?"
               r"(?:over\s+|about\s+|around\s+|approximately\s+|~\s*)?"
               + NUM + r"\s+(?:[\w-]+\s+(?:and\s+)?){0,4}?tokens\b(?!\s+at\s+most)",
               re.I),
    re.compile(NUM + r"\s+(?:tokens\s+)?used\s+to\s+train\s+(§M\d+§)", re.I),
    re.compile(NUM + r"\s+(?:pre-?)?training\s+tokens\b", re.I),
    # "scaled the pre-training datasets from the previous 7 trillion tokens to 18 trillion tokens"
    re.compile(r"\b(?:pre-?)?train\w*\s+(?:data\w*|corpus|corpora)\b[^.;§]{0,40}?\bfrom\s+(?:the\s+)?(?:\w+\s+)?"
               r"[\d.]+\s*(?:trillion|billion|[TB])\s+tokens\s+to\s+" + NUM + r"\s+tokens\b", re.I),
    # "built through continued training with 512 billion tokens": the process is a technique's name
    re.compile(r"\b(?:built|obtained|developed|trained)\s+(?:through|via|by|with)\s+§T\d+§\s+(?:with|on|using)\s+"
               r"(?:an?\s+)?(?:additional\s+|another\s+|further\s+)?" + NUM
               + r"\s+(?:[\w-]+\s+){0,2}?tokens\b",
               re.I),
    # "For pretraining, we construct 3 trillion tokens of ...": the budget of the paper's model
    re.compile(r"\bFor\s+(?:pre-?)?training,\s+we\s+(?:construct|build|collect|curate|prepare|assemble)\w*\s+"
               r"(?:about\s+|over\s+|around\s+)?" + NUM + r"\s+tokens\b"),
    # last, as it spans a clause: "further pre-trained ... with an additional 6 trillion tokens",
    # "trained ..., using 1.25T tokens"
    re.compile(r"\b(?:pre-?train|train)\w*\b(?:[^.;]|\.\d){0,120}?\b(?:with|using|on)\s+(?:an?\s+)?(?:additional|"
               r"another|further|extra|only)?\s*" + NUM + r"\s+(?:[\w-]+\s+){0,2}?tokens\b", re.I),
]

# with the literal pre-filter of kg.extract.rx: most sentences lack "total", "active", "used"
_PARAMS = [(Filtered(p), kind) for p, kind in _PARAMS]
_CONTEXT = [Filtered(p) for p in _CONTEXT]
_TOKENS = [Filtered(p) for p in _TOKENS]


def parameters(text: str) -> list[tuple[str, int, int, int]]:
    """(property, value, start, end) for parameter counts in templated text."""
    out: list[tuple[str, int, int, int]] = []
    if "param" not in text:
        return out  # every pattern names parameters; most sentences do not
    taken: list[tuple[int, int]] = []
    for rx, kind in _PARAMS:
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            prop = "activeParameters" if kind.startswith("active") else "totalParameters"
            out.append((prop, value(m.group(1), m.group(2)), m.start(), m.end()))
            if kind == "total+active":
                out.append(("activeParameters", value(m.group(3), m.group(4)), m.start(), m.end()))
            elif kind == "active+total":
                out.append(("totalParameters", value(m.group(3), m.group(4)), m.start(), m.end()))
    return out


def context_lengths(text: str) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    if "context" not in text.lower():
        return out
    for rx in _CONTEXT:
        for m in rx.finditer(text):
            if re.search(r"extrapolat\w*\s+(?:\w+\s+)?(?:up\s+)?(?:to\s+)?$|predictions?\s+(?:up\s+to\s+)?$",
                         text[max(0, m.start() - 40):m.start()]):
                continue  # what a model extrapolates to is not its context length
            if not any(s <= m.start() < e for _, s, e in out):
                out.append((value(m.group(1), m.group(2)), m.start(), m.end()))
    return out


def training_tokens(text: str) -> list[tuple[int, int, int, str | None]]:
    """(tokens, start, end, slot of the model named in the phrase if any)."""
    out: list[tuple[int, int, int, str | None]] = []
    if "token" not in text.lower():
        return out
    for i, rx in enumerate(_TOKENS):
        for m in rx.finditer(text):
            if any(s <= m.start(1) < e for _, s, e, _ in out):
                continue
            slot = m.group(3) if rx.groups >= 3 else None
            # the last pattern spans a clause: a model inside it is not the one trained
            inner = re.search(r"§M\d+§", m.group(0)) if i < len(_TOKENS) - 1 else None
            out.append((value(m.group(1), m.group(2)), m.start(), m.end(),
                        slot or (inner.group(0) if inner else None)))
    return out
