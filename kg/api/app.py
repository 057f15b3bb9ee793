"""The app factory: routers, CORS when asked for, access logs, and the worker pool's lifespan."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from kg.api.logs import AccessLog
from kg.api.routes import health, resources, rest, sparql
from kg.api.routes import map as lineage_map
from kg.api.service import Service
from kg.api.settings import Settings

DESCRIPTION = """A knowledge graph of ML models, techniques and lineage, extracted from paper abstracts.

* `/sparql`: read-only SPARQL 1.1 Protocol endpoint (JSON, XML, CSV, TSV; Turtle, N-Triples, JSON-LD).
  The default graph is the merge of three named graphs: `https://w3id.org/mlkg/graph/asserted`
  (extracted facts), `.../graph/ontology` and `.../graph/inferred` (added by the reasoner).
* `/api/...`: the named queries, models, techniques and papers as JSON.
* `/resource/...`: each entity `https://w3id.org/mlkg/resource/...` as HTML, Turtle or JSON-LD.
"""


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = Service(settings)
        await service.start()
        app.state.service = service
        try:
            yield
        finally:
            await service.close()

    app = FastAPI(title=settings.title, description=DESCRIPTION, version="0.1.0", lifespan=lifespan,
                  docs_url="/docs", redoc_url=None)
    app.state.settings = settings
    for router in (sparql.router, rest.router, resources.router, lineage_map.router, health.router):
        app.include_router(router)
    if settings.cors:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors), allow_methods=["GET", "POST"],
                           allow_headers=["Accept", "Content-Type"],
                           expose_headers=["X-MLKG-Truncated", "X-MLKG-Max-Rows", "X-MLKG-Timeout"])
    app.add_middleware(AccessLog)
    return app
