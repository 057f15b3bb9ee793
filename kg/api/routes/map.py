"""`/`: the lineage map of the store being served (see kg/api/lineage.py), gzipped when the
client accepts it and revalidated by ETag, so a browser fetches it once per build."""

from html import escape

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from kg.api.deps import ServiceDep
from kg.api.lineage import LINKS, MapCache, MapUnavailable
from kg.api.routes.resources import STYLE
from kg.map import DEFAULT_TITLE

router = APIRouter(tags=["Lineage map"])
_cache = MapCache(DEFAULT_TITLE)  # one app per process; the key follows the store it serves
HTML = "text/html; charset=utf-8"


@router.get("/", include_in_schema=False)
async def lineage_map(request: Request, service: ServiceDep) -> Response:
    try:
        page = await _cache.page(service)
    except MapUnavailable as err:
        return _unavailable(str(err))
    headers = {"ETag": page.etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding",
               "X-MLKG-Map": f"{page.nodes} nodes, {page.edges} edges"}
    if page.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", "").lower():
        return Response(page.gzipped, media_type=HTML, headers={**headers, "Content-Encoding": "gzip"})
    return Response(page.html, media_type=HTML, headers=headers)


def _unavailable(reason: str) -> HTMLResponse:
    links = "".join(f'<li><a href="{href}">{escape(text)}</a></li>' for text, href in LINKS)
    return HTMLResponse(f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{escape(DEFAULT_TITLE)}</title><style>{STYLE}</style></head><body><h1>{escape(DEFAULT_TITLE)}</h1>
<p>No map: {escape(reason)}</p><ul>{links}<li><a href="/health">Health</a></li></ul></body></html>""", 503)
