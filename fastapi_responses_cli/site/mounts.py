"""The demos `frcli serve` mounts: each demo's own app under ``/<demo name>``.

Why whole apps under a prefix and not ``include_router``: copying a demo's routes into one
big app would drop what belongs to the demo app itself (its middleware such as gzip or CORS,
its exception handlers, its lifespan). Each demo keeps its own app, so a request under
``/gzip/...`` meets exactly the stack it meets standalone, and nothing of one demo leaks into
another.

Why not Starlette's ``Mount``: a mount does the same thing, but behind the parent's router and
middleware stack, which every request would walk first. :func:`dispatch` does the one thing
that is needed, a dictionary lookup on the first path segment, and hands the request on with
the scope a mount would give (``root_path`` extended by the prefix, the full ``path`` kept).
It also sets ``app_root_path`` to the prefix and drops a ``router`` set in front, so
``request.url_for`` inside a demo finds the demo's own routes and builds ``/<demo>/...`` URLs
even when a Starlette ``Mount`` or router in front of the combined app set both for itself.

Nothing here imports the site's pages: they are built from these mounts (see :mod:`.app`).
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import catalog
from ..catalog import Demo
from ..errors import FrcliError

if TYPE_CHECKING:
    from starlette.types import Message, Receive, Scope, Send

logger = logging.getLogger("fastapi_responses_cli.site")

# Top-level path segments the site itself answers. A demo can never be named like these.
RESERVED = frozenset({"", "docs", "redoc", "openapi.json", "live", "_site", "_docs", "favicon.ico"})


@dataclass
class Mounted:
    demo: Demo
    app: Any  # the demo's ASGI app (a FastAPI instance)
    state: dict[str, Any] = field(default_factory=dict)  # what its lifespan yielded


def check_names(names: list[str]) -> None:
    """Refuse a demo whose name would shadow one of the site's own paths."""
    for name in names:
        if name in RESERVED or name.startswith("_") or "/" in name:
            raise FrcliError(
                f"demo name '{name}' clashes with a path of frcli serve itself; rename the demo"
            )


def load_demos() -> tuple[dict[str, Mounted], dict[str, str]]:
    """Import every demo's app. A demo that fails to import is reported, not fatal."""
    mounted: dict[str, Mounted] = {}
    broken: dict[str, str] = {}
    for demo in catalog.demos().values():
        try:
            mounted[demo.name] = Mounted(demo, catalog.load_app(demo))
        except Exception as exc:  # a demo being written may not import yet
            last = traceback.format_exception_only(exc)[-1].strip()
            broken[demo.name] = f"{demo.path.name}: {last}"
            logger.warning("demo '%s' is not served: %s", demo.name, broken[demo.name])
    return mounted, broken


async def dispatch(mounted: dict[str, Mounted], scope: Scope, receive: Receive, send: Send) -> bool:
    """Hand ``/<demo>/...`` to that demo's app; False when the path is not a demo's."""
    if scope["type"] not in ("http", "websocket"):
        return False
    root_path = scope.get("root_path", "")
    path = scope["path"]
    route_path = path[len(root_path) :] if root_path and path.startswith(root_path) else path
    # "/streaming/events" -> "streaming"; "/streaming" alone goes to the site.
    end = route_path.find("/", 1)
    if end <= 0:
        return False
    entry = mounted.get(route_path[1:end])
    if entry is None:
        return False
    prefix = root_path + route_path[:end]
    child = dict(scope)
    child["root_path"] = prefix
    child["app_root_path"] = prefix
    child.pop("router", None)  # a router in front: url_for must look in the demo's own routes
    if entry.state:
        child["state"] = dict(entry.state)
    await entry.app(child, receive, prefix_location(send, prefix))
    return True


def prefix_location(send: Send, prefix: str) -> Send:
    """Give a ``location`` that starts with ``/`` the demo's prefix, as a reverse proxy that
    serves an app under a prefix does (nginx's ``proxy_redirect``). A demo written to run
    alone redirects to ``/landing``; served under ``/redirects`` that must become
    ``/redirects/landing`` or every redirect (and ``curl -L``) would leave the demo.
    Absolute URLs, ``//host`` references and relative ones are left as they are.
    """
    raw_prefix = prefix.encode("latin-1")

    async def send_prefixed(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = message.get("headers") or []
            for i, (key, value) in enumerate(headers):
                if (
                    key.lower() == b"location"
                    and value.startswith(b"/")
                    and not value.startswith(b"//")
                    and value != raw_prefix
                    and not value.startswith(raw_prefix + b"/")
                ):
                    headers = list(headers)
                    headers[i] = (key, raw_prefix + value)
                    message = {**message, "headers": headers}
                    break
        await send(message)

    return send_prefixed


def demos_lifespan(
    mounted: dict[str, Mounted],
) -> Callable[[object], contextlib.AbstractAsyncContextManager[None]]:
    """A lifespan for the site that runs every demo's own lifespan: a demo app that loads data
    at start-up still does, and its state reaches its requests."""

    @contextlib.asynccontextmanager
    async def lifespan(_site: object) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            for entry in mounted.values():
                state = await stack.enter_async_context(
                    entry.app.router.lifespan_context(entry.app)
                )
                entry.state = dict(state or {})
            yield

    return lifespan
