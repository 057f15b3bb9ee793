"""`/health`: 200 while at least one query worker is alive, 503 otherwise."""

import time

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from kg.api.deps import ServiceDep
from kg.api.routes.sparql import GRAPH_ROLES
from kg.api.schemas import Health

router = APIRouter(tags=["Service"])


@router.get("/health", response_model=Health, summary="Liveness, the store, the limits and worker counts",
            responses={503: {"description": "no query worker is alive"}})
async def health(service: ServiceDep) -> Health | JSONResponse:
    s = service.settings
    workers = service.pool.stats()
    body = Health(status="ok" if workers["alive"] else "degraded", store=s.store.kind,
                  location=service.pool.spec.location, inMemory=service.pool.spec.in_memory,
                  triples=service.triples,
                  graphs={g: GRAPH_ROLES.get(g, "named graph") for g in service.graphs},
                  timeout=s.timeout, maxRows=s.max_rows, workers=workers, reloads=service.reloads,
                  uptime=round(time.time() - service.started, 1))
    if not workers["alive"]:
        return JSONResponse(body.model_dump(), status_code=503)
    return body
