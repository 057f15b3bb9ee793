"""Pydantic input and output models of the REST API (they also make the OpenAPI docs)."""

from typing import Literal

from pydantic import BaseModel, Field

Value = str | int | float | bool | None


class ParamInfo(BaseModel):
    name: str
    description: str
    optional: bool
    default: str | None = None


class QueryInfo(BaseModel):
    name: str
    summary: str
    params: list[ParamInfo]
    example: dict[str, str] = Field(description="parameters that give a non-empty answer on the seed graph")
    url: str = Field(description="this query's REST path")


class QueryAnswer(BaseModel):
    query: str
    params: dict[str, str]
    vars: list[str]
    rows: list[dict[str, Value]] = Field(description="one object per row; numbers as JSON numbers, "
                                                     "IRIs and other literals as strings; unbound left out")
    truncated: bool = Field(description="true when the row limit cut the answer")


class ModelSummary(BaseModel):
    id: str = Field(description="the last part of the model's IRI; /api/models/{id}")
    iri: str
    label: str | None = None
    variants: list[str] = []
    totalParameters: int | None = None
    activeParameters: int | None = None


class TechniqueUse(BaseModel):
    iri: str
    id: str | None = None
    label: str | None = None
    kind: Literal["direct", "inferred"] | str
    via: list[str] = Field(default=[], description="the stated techniques an inferred family comes from")
    support: int = Field(description="evidence sentences for a direct use")


class LineageEdge(BaseModel):
    iri: str = Field(description="the ancestor (or descendant) model")
    id: str | None = None
    label: str | None = None
    relation: str = Field(description="e.g. prunedFrom, distilledFrom, successorOf")
    depth: int
    of: str | None = Field(default=None, description="label of the model at the other end of this edge")


class PaperRef(BaseModel):
    iri: str
    id: str | None = None
    title: str | None = None
    role: Literal["introduces", "mentions"]


class EvidenceItem(BaseModel):
    predicate: str
    object: str
    paper: str | None = None
    sentence: str | None = None
    charStart: int | None = None
    charEnd: int | None = None
    rule: str | None = None
    confidence: float | None = None


class ModelDetail(ModelSummary):
    contextLength: int | None = None
    trainingTokens: int | None = None
    techniques: list[TechniqueUse] = []
    ancestors: list[LineageEdge] = []
    descendants: list[LineageEdge] = []
    papers: list[PaperRef] = []
    evidence: list[EvidenceItem] = []


class ModelUse(BaseModel):
    id: str | None = None
    iri: str
    label: str | None = None
    technique: str = Field(description="the technique the model's facts state: the one asked for or a "
                                       "narrower one")
    techniqueLabel: str | None = None


class TechniqueModels(BaseModel):
    id: str
    iri: str
    label: str | None = None
    models: list[ModelUse]


class EntityRef(BaseModel):
    iri: str
    id: str | None = None
    label: str | None = None
    type: str | None = None


class PaperDetail(BaseModel):
    id: str
    iri: str
    title: str | None = None
    issued: str | None = None
    arxiv: str | None = None
    abstract: str | None = None
    authors: list[EntityRef] = []
    affiliations: list[EntityRef] = []
    introduces: list[EntityRef] = []
    mentions: list[EntityRef] = []
    sourceFiles: list[str] = []


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    store: str = Field(description="oxigraph (embedded, on disk) or remote")
    location: str
    inMemory: bool = Field(description="workers query an in-memory copy of the on-disk store")
    triples: int | None = Field(description="triples in the default graph")
    graphs: dict[str, str] = Field(description="served named graph IRI -> what it holds")
    timeout: float
    maxRows: int
    workers: dict[str, int]
    reloads: int
    uptime: float
