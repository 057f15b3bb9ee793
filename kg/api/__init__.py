"""The SPARQL service: `create_app(settings)` builds the FastAPI app.

Imported lazily: `kg` registers `kg serve` and `kg push` from kg.api.command at start-up,
and must not pay for FastAPI on every command.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.api.app import create_app as create_app


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from kg.api.app import create_app

        return create_app
    raise AttributeError(name)
