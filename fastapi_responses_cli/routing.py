"""Which route of an app a request reaches: for the source `inspect` shows and the documented
operation the site links each example to."""

from __future__ import annotations

from typing import Any


def route_for(app: Any, method: str, path: str) -> Any | None:
    """The route of ``app`` that a request ``method path`` reaches, as Starlette matches it (a
    full match first, else the first partial one, e.g. the wrong method); None for an app
    without a router."""
    from starlette.routing import Match

    router = getattr(app, "router", None)
    if router is None:
        return None
    scope = {"type": "http", "method": method, "path": path, "root_path": "", "path_params": {}}
    partial = None
    for route in getattr(router, "routes", []):
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return route
        if match is Match.PARTIAL and partial is None:
            partial = route
    return partial
