"""The REST API: the named queries, and models, techniques and papers as JSON."""

from collections import defaultdict

from fastapi import APIRouter, HTTPException, Request

from kg.api import lookups as lk
from kg.api.deps import ServiceDep
from kg.api.pool import PoolError, QueryFailed, QueryTimeout
from kg.api.schemas import (
    EntityRef,
    EvidenceItem,
    LineageEdge,
    ModelDetail,
    ModelSummary,
    ModelUse,
    PaperDetail,
    PaperRef,
    ParamInfo,
    QueryAnswer,
    QueryInfo,
    TechniqueModels,
    TechniqueUse,
)
from kg.api.service import Service
from kg.api.worker import Answer
from kg.queries import QueryParamError
from kg.results import Term

router = APIRouter(prefix="/api", tags=["REST"])
DC = "http://purl.org/dc/terms/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


async def read_or_http_error(service: Service, *queries: str) -> list[Answer]:
    """Run our own queries; pool and query failures become HTTP errors with their reason."""
    try:
        return await service.read(*queries)
    except QueryTimeout as err:
        raise HTTPException(503, str(err), headers={"X-MLKG-Timeout": f"{service.settings.timeout:g}"}) \
            from None
    except PoolError as err:
        raise HTTPException(err.status, str(err), headers={"Retry-After": "1"}) from None
    except QueryFailed as err:
        raise HTTPException(err.status, str(err)) from None


@router.get("/queries", response_model=list[QueryInfo], summary="The named queries and their parameters")
async def list_queries(service: ServiceDep) -> list[QueryInfo]:
    return [QueryInfo(name=q.name, summary=q.summary,
                      params=[ParamInfo(name=p.name, description=p.description, optional=p.optional,
                                        default=p.default) for p in q.params],
                      example=q.example, url=f"/api/queries/{q.name}")
            for q in sorted(service.queries.values(), key=lambda q: q.name)]


@router.get("/queries/{name}", response_model=QueryAnswer,
            summary="Run a named query; its parameters go in the query string",
            responses={400: {"description": "unknown or missing parameter"},
                       404: {"description": "no such query"}})
async def run_query(name: str, request: Request, service: ServiceDep) -> QueryAnswer:
    query = service.queries.get(name)
    if query is None:
        raise HTTPException(404, f"no named query {name!r}; GET /api/queries lists them")
    params = dict(request.query_params)
    try:
        text = query.bind(params)
    except QueryParamError as err:
        raise HTTPException(400, str(err)) from None
    (answer,) = await read_or_http_error(service, text)
    rows = [{k: lk.value(v) for k, v in rec.items() if v is not None} for rec in answer.result.records()]
    request.state.log = {"query": name, "rows": len(rows), "truncated": answer.truncated}
    return QueryAnswer(query=name, params=params, vars=answer.result.vars, rows=rows,
                       truncated=answer.truncated)


@router.get("/models", response_model=list[ModelSummary], summary="All models")
async def list_models(service: ServiceDep) -> list[ModelSummary]:
    (answer,) = await read_or_http_error(service, service.queries["models"].bind({}))
    return [ModelSummary(id=lk.local_id(r["model"]) or str(r["model"]), iri=str(r["model"]),
                         label=_str(r.get("label")),
                         variants=[v for v in str(r.get("variants") or "").split("; ") if v],
                         totalParameters=_int(r.get("totalParameters")),
                         activeParameters=_int(r.get("activeParameters")))
            for r in answer.result.records()]


@router.get("/models/{model_id}", response_model=ModelDetail,
            summary="A model: figures, techniques, lineage up and down, papers and evidence",
            responses={404: {"description": "no such model"}})
async def get_model(model_id: str, service: ServiceDep) -> ModelDetail:
    iri = lk.entity_iri("model", model_id)
    if iri is None:
        raise HTTPException(404, f"no model {model_id!r}")
    q = service.queries
    facts, techniques, ancestors, descendants, papers, evidence = await read_or_http_error(
        service, lk.facts(iri), q["techniques-of-model"].bind({"model": iri}),
        q["ancestors"].bind({"model": iri}), q["descendants"].bind({"model": iri}),
        lk.model_papers(iri), lk.evidence(iri))
    by_predicate: dict[str, list[Term]] = defaultdict(list)
    for p, o in facts.result.rows:
        by_predicate[str(p)].append(o)  # type: ignore[arg-type]
    if lk.MLKG + "Model" not in by_predicate.get(RDF_TYPE, []):
        raise HTTPException(404, f"no model {model_id!r}")

    def figure(name: str) -> int | None:
        return _int(next(iter(by_predicate.get(lk.MLKG + name, [])), None))

    return ModelDetail(
        id=model_id, iri=iri, label=_str(min(by_predicate.get(RDFS_LABEL, [None]) or [None], key=str)),
        variants=sorted(map(str, by_predicate.get(SKOS_ALT, []))),
        totalParameters=figure("totalParameters"), activeParameters=figure("activeParameters"),
        contextLength=figure("contextLength"), trainingTokens=figure("trainingTokens"),
        techniques=[TechniqueUse(iri=str(r["technique"]), id=lk.local_id(r["technique"]),
                                 label=_str(r.get("label")), kind=str(r.get("kind") or ""),
                                 via=[v for v in str(r.get("via") or "").split(", ") if v],
                                 support=_int(r.get("support")) or 0)
                    for r in techniques.result.records()],
        ancestors=[_edge(r, "ancestor") for r in ancestors.result.records()],
        descendants=[_edge(r, "descendant") for r in descendants.result.records()],
        papers=[PaperRef(iri=str(r["paper"]), id=lk.local_id(r["paper"]), title=_str(r.get("title")),
                         role=r["role"]) for r in papers.result.records()],  # type: ignore[arg-type]
        evidence=[EvidenceItem(predicate=lk.short(str(r["predicate"])), object=str(r["object"]),
                               paper=_str(r.get("paper")), sentence=_str(r.get("sentence")),
                               charStart=_int(r.get("charStart")), charEnd=_int(r.get("charEnd")),
                               rule=_str(r.get("rule")), confidence=_float(r.get("confidence")))
                  for r in evidence.result.records()],
    )


@router.get("/techniques/{technique_id}/models", response_model=TechniqueModels,
            summary="Models that use a technique, directly or through a narrower one",
            responses={404: {"description": "no such technique"}})
async def technique_models(technique_id: str, service: ServiceDep) -> TechniqueModels:
    iri = lk.entity_iri("technique", technique_id)
    if iri is None:
        raise HTTPException(404, f"no technique {technique_id!r}")
    facts, uses = await read_or_http_error(service, lk.facts(iri),
                              service.queries["models-using-technique"].bind({"technique": iri}))
    own = {str(p): o for p, o in facts.result.rows}
    if not facts.result.rows:
        raise HTTPException(404, f"no technique {technique_id!r}")
    return TechniqueModels(
        id=technique_id, iri=iri, label=_str(own.get(RDFS_LABEL)),
        models=[ModelUse(id=lk.local_id(r["model"]), iri=str(r["model"]), label=_str(r.get("label")),
                         technique=str(r["technique"]), techniqueLabel=_str(r.get("techniqueLabel")))
                for r in uses.result.records()])


@router.get("/papers/{paper_id}", response_model=PaperDetail,
            summary="A paper (by its id or arXiv id): title, date, authors, what it introduces and mentions",
            responses={404: {"description": "no such paper"}})
async def get_paper(paper_id: str, service: ServiceDep) -> PaperDetail:
    iri = lk.entity_iri("paper", paper_id)
    if iri is None:
        raise HTTPException(404, f"no paper {paper_id!r}")
    (found,) = await read_or_http_error(service, lk.find_paper(iri, paper_id))
    if not found.result.rows:
        raise HTTPException(404, f"no paper {paper_id!r}")
    iri = str(found.result.rows[0][0])
    (facts,) = await read_or_http_error(service, lk.paper_facts(iri))
    by: dict[str, list[dict]] = defaultdict(list)
    for r in facts.result.records():
        by[str(r["p"])].append(r)

    def one(predicate: str) -> str | None:
        values = sorted(str(r["o"]) for r in by.get(predicate, []))
        return values[0] if values else None

    def refs(predicate: str) -> list[EntityRef]:
        return sorted((EntityRef(iri=str(r["o"]), id=lk.local_id(r["o"]), label=_str(r.get("label")),
                                 type=lk.short(str(r["type"])) if r.get("type") else None)
                       for r in by.get(predicate, [])), key=lambda e: (e.type or "", e.label or e.iri))

    return PaperDetail(
        id=lk.local_id(iri) or paper_id, iri=iri, title=one(DC + "title") or one(RDFS_LABEL),
        issued=one(DC + "issued"), arxiv=one(DC + "identifier"), abstract=one(DC + "abstract"),
        authors=refs(DC + "creator"), affiliations=refs(lk.MLKG + "affiliation"),
        introduces=refs(lk.MLKG + "introduces"), mentions=refs(lk.MLKG + "mentions"),
        sourceFiles=sorted(str(r["o"]) for r in by.get(lk.MLKG + "sourceFile", [])))


def _edge(r: dict, other: str) -> LineageEdge:
    return LineageEdge(iri=str(r[other]), id=lk.local_id(r[other]), label=_str(r.get("label")),
                       relation=lk.short(str(r["relation"])), depth=_int(r.get("depth")) or 1,
                       of=_str(r.get("of")))


def _str(cell: object) -> str | None:
    return None if cell is None else str(cell)


def _int(cell: object) -> int | None:
    try:
        return None if cell is None else int(str(cell))
    except ValueError:
        return None


def _float(cell: object) -> float | None:
    try:
        return None if cell is None else float(str(cell))
    except ValueError:
        return None
