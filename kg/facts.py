"""What the extractor asserts: facts between named things, each with its evidence."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Ref:
    """A named thing as the extractor saw it; kg.resolve turns it into a graph node."""

    kind: str  # model technique dataset benchmark
    name: str


@dataclass(frozen=True)
class Evidence:
    paper: str  # document key
    start: int  # sentence offsets in the abstract
    end: int
    rule: str
    confidence: float


@dataclass(frozen=True)
class Fact:
    subject: Ref
    predicate: str  # local name in the mlkg vocabulary, e.g. usesTechnique
    object: Ref | int  # an int for figures
    evidence: Evidence
