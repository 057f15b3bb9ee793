"""A sentence with its mentions replaced by placeholders (§M0§, §T1§ ...), so relation
rules are plain regular expressions over English with slots for names."""

import re
from dataclasses import dataclass

from kg.extract.mentions import Mention
from kg.extract.text import Sentence

CODE = {"model": "M", "technique": "T", "dataset": "D", "benchmark": "B"}
SLOT = re.compile(r"§([A-Z])(\d+)§")


def slot(kind: str) -> str:
    """A regex for one slot of a kind, capturing its index."""
    return rf"§{CODE.get(kind, 'X')}(\d+)§"


def slot_list(kind: str) -> str:
    # an item may carry its defined short form: "A (A') and B"
    s = rf"§{CODE.get(kind, 'X')}\d+§(?:\s*\(§{CODE.get(kind, 'X')}\d+§\))?"
    return rf"(?:{s}(?:\s*(?:,\s*and|,\s*or|,|and|or|&)\s*{s})*)"


@dataclass
class Templated:
    sentence: Sentence
    text: str
    mentions: list[Mention]

    def refs(self, span: str, kind: str | None = None) -> list[Mention]:
        """Mentions whose slots appear in `span` (a piece of self.text)."""
        out = []
        for m in SLOT.finditer(span):
            men = self.mentions[int(m.group(2))]
            if kind is None or men.kind == kind:
                out.append(men)
        return out


def templated(sentence: Sentence, mentions: list[Mention]) -> Templated:
    parts = []
    pos = sentence.start
    for i, m in enumerate(mentions):
        if m.start < pos:
            continue  # overlapping mention: keep the first
        parts.append(sentence.text[pos - sentence.start : m.start - sentence.start])
        parts.append(f"§{CODE.get(m.kind, 'X')}{i}§")
        pos = m.end
    parts.append(sentence.text[pos - sentence.start :])
    return Templated(sentence, "".join(parts), mentions)
