"""Structured logs: one JSON object per line on stderr, and an access-log middleware.

Routes add fields to an access-log line through `request.state.log` (a dict), e.g. the
query form, the number of rows and whether the answer was cut or timed out.
"""

import json
import logging
import sys
import time
from datetime import UTC, datetime
from typing import Any

access = logging.getLogger("kg.api.access")
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime",
                                                                          "color_message"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        doc.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            doc["exc"] = self.formatException(record.exc_info)
        return json.dumps(doc, ensure_ascii=False, default=str)


def setup_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


class AccessLog:
    """Pure ASGI middleware (no per-request task, unlike BaseHTTPMiddleware): one line a request."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status, size = 500, 0

        async def sending(message: dict) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            fields = {
                "client": (scope.get("client") or ("", 0))[0],
                "method": scope["method"],
                "path": scope["path"],
                "status": status,
                "bytes": size,
                "ms": round((time.perf_counter() - start) * 1000, 2),
            }
            state = scope.get("state") or {}
            fields.update(state.get("log") or {})
            access.info("%s %s %s", scope["method"], scope["path"], status, extra=fields)
