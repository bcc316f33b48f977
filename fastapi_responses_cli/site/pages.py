"""The site's own FastAPI app: the index, the live pages, and ``/docs`` over every demo."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import warnings
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from .. import __version__
from ..clients import curl_command, httpie_command
from ..streams import SSEParser
from ..versions import versions_inline
from . import openapi
from .examples import ExampleInfo, example_infos, streams
from .mounts import Mounted, dispatch

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
ASSETS = HERE / "assets"

# How long the SSE page's server-side look at a stream may take to learn its event names.
PROBE_SECONDS = 2.0
PROBE_BYTES = 64 * 1024
PROBE_EVENTS = 50
# Event names found per ?src=, for the most recently asked: the key is the learner's input, so
# what is kept must not grow with it (the documented streams are far fewer than this).
PROBED_KEPT = 32


@functools.cache
def _jinja():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    """``base`` (scheme, host, port) goes into commands to copy; ``root`` into links."""
    context.setdefault("base", base_url(request))
    context.setdefault("root", request.scope.get("root_path", "").rstrip("/"))
    context.setdefault("versions", versions_inline())
    return HTMLResponse(_jinja().get_template(template).render(**context))


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _same_origin_path(src: str) -> str:
    """Only paths on this server: the live pages never fetch another origin."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not src.startswith("/") or src.startswith("//"):
        raise HTTPException(400, "src must be a path on this server, such as /streaming/events")
    return src


async def probe_event_names(app: ASGIApp, src: str, seconds: float = PROBE_SECONDS) -> list[str]:
    """The ``event:`` names a stream sends in its first seconds, read in-process.

    ``EventSource`` hands unnamed events to ``onmessage`` but a named one (``event: start``)
    only to ``addEventListener("start")``, and there is no catch-all listener. To show every
    event, the page must know the names in advance: this reads the stream through the ASGI
    app directly (no network), for at most ``seconds`` or ``PROBE_BYTES``.
    """
    parts = urlsplit(src)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": parts.path,
        "raw_path": parts.path.encode(),
        "query_string": parts.query.encode(),
        "root_path": "",
        "headers": [(b"host", b"frcli-probe"), (b"accept", b"text/event-stream")],
        "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 0),
        "state": {},
    }
    parser = SSEParser()
    names: list[str] = []
    seen = 0
    finished = asyncio.Event()
    sent_request = False
    received = 0

    async def receive() -> Message:
        nonlocal sent_request
        if not sent_request:
            sent_request = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await finished.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        nonlocal received, seen
        if message["type"] == "http.response.start":
            if message["status"] != 200:
                finished.set()
        elif message["type"] == "http.response.body":
            body = message.get("body", b"")
            received += len(body)
            for event in parser.feed(body):
                seen += 1
                if event.event and event.event != "message" and event.event not in names:
                    names.append(event.event)
            if not message.get("more_body", False) or received >= PROBE_BYTES:
                finished.set()
            if seen >= PROBE_EVENTS:
                finished.set()

    task = asyncio.ensure_future(app(scope, receive, send))
    try:
        await asyncio.wait_for(finished.wait(), timeout=seconds)
    except TimeoutError:
        pass
    finished.set()  # the app sees the client go away
    try:
        await asyncio.wait_for(task, timeout=1.0)
    except (TimeoutError, asyncio.CancelledError):
        task.cancel()
    except Exception:  # the stream failed; the page will show what the browser gets
        pass
    return names


DOCS_ASSETS = "/_docs"  # Swagger UI and ReDoc files, served from this machine


def _demos_only(mounted: dict[str, Mounted]) -> ASGIApp:
    """The demos without the site, for the probe: a path that is no demo's is a 404."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if not await dispatch(mounted, scope, receive, send):
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b""})

    return app


def build_site(
    mounted: dict[str, Mounted],
    broken: dict[str, str],
    lifespan: Callable[[Any], contextlib.AbstractAsyncContextManager[None]],
) -> FastAPI:
    """The site's app over the given demos (``broken``: name -> why it is not served);
    ``lifespan`` runs with the site's (the demos' own, see :func:`.mounts.demos_lifespan`)."""
    # fastapi-offline: the same FastAPI app, with /docs and /redoc pointing at Swagger UI and
    # ReDoc files it ships, so the docs work without the CDN (a classroom, a train).
    from fastapi_offline import FastAPIOffline

    site = FastAPIOffline(
        static_url=DOCS_ASSETS,
        title="frcli serve: every demo",
        version=__version__,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url="/redoc",
    )

    @functools.cache
    def merged_openapi() -> dict[str, Any]:
        parts = [
            openapi.Part(name, f"{e.demo.title}. {e.demo.meta.summary}", e.app.openapi())
            for name, e in mounted.items()
        ]
        return openapi.merge(
            parts,
            title=site.title,
            version=__version__,
            description=(
                "Every frcli demo on one server, each under its own prefix. Each demo also "
                "runs alone: `uvicorn demos.<module>:app`. Versions: " + versions_inline() + "."
            ),
        )

    site.openapi = merged_openapi  # type: ignore[method-assign]

    @functools.cache
    def infos() -> list[ExampleInfo]:
        return example_infos(mounted)

    @site.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        base = base_url(request)
        by_demo: dict[str, list[ExampleInfo]] = {}
        for info in infos():
            by_demo.setdefault(info.demo, []).append(info)
        demos = [
            {
                "name": name,
                "demo": entry.demo,
                "meta": entry.demo.meta,
                "examples": [
                    {
                        "info": i,
                        "curl": curl_command(f"{base}/{name}", i.example),
                        "httpie": httpie_command(f"{base}/{name}", i.example),
                    }
                    for i in by_demo.get(name, [])
                ],
            }
            for name, entry in mounted.items()
        ]
        return render(
            request,
            "index.html",
            demos=demos,
            broken=broken,
            version=__version__,
            sse=streams(infos(), "sse"),
            jsonl=streams(infos(), "jsonl"),
        )

    def _live(request: Request, kind: str, src: str | None) -> tuple[str, list[ExampleInfo]]:
        known = streams(infos(), kind)
        if src is None:
            if not known:
                raise HTTPException(404, f"no demo documents a {kind} stream; give ?src=/path")
            src = known[0].url
        return _same_origin_path(src), known

    demos_only = _demos_only(mounted)
    probed_names: OrderedDict[str, list[str]] = OrderedDict()  # at most PROBED_KEPT
    site.state.probed_names = probed_names

    @site.get("/live/sse", response_class=HTMLResponse, include_in_schema=False)
    async def live_sse(
        request: Request,
        src: str | None = None,
        events: str | None = Query(None, description="event names to listen for, a,b,c"),
    ) -> HTMLResponse:
        src, known = _live(request, "sse", src)
        if events is None:
            names = probed_names.get(src)
            if names is None:
                names = await probe_event_names(demos_only, src)
            probed_names[src] = names
            probed_names.move_to_end(src)
            while len(probed_names) > PROBED_KEPT:
                probed_names.popitem(last=False)  # the least recently asked for
        else:
            names = [n.strip() for n in events.split(",") if n.strip() and n.strip() != "message"]
        return render(
            request, "live_sse.html", src=src, names=names, probed=events is None, known=known
        )

    @site.get("/live/jsonl", response_class=HTMLResponse, include_in_schema=False)
    def live_jsonl(request: Request, src: str | None = None) -> HTMLResponse:
        src, known = _live(request, "jsonl", src)
        return render(request, "live_jsonl.html", src=src, known=known)

    @site.get("/_site/{name}", include_in_schema=False)
    def asset(name: str) -> FileResponse:
        path = ASSETS / name
        if "/" in name or name.startswith(".") or not path.is_file():
            raise HTTPException(404)
        return FileResponse(path)

    @site.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(ASSETS / "favicon.svg", media_type="image/svg+xml")

    # Build both now, while the server starts: a demo whose document fails shows at once,
    # and FastAPI's "Duplicate Operation ID" warning (a route answering several methods) is
    # not printed in the middle of the learner's log: the merged document gives each
    # method its own id.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Duplicate Operation ID", category=UserWarning)
        merged_openapi()
        infos()

    def section_redirect(name: str) -> Callable[[Request], RedirectResponse]:
        def redirect(request: Request) -> RedirectResponse:
            return RedirectResponse(f"{request.scope.get('root_path', '')}/#{name}")

        return redirect

    for name in list(mounted) + list(broken):
        # "/streaming" without a slash: the demo's section of the index.
        site.add_api_route(
            f"/{name}", section_redirect(name), include_in_schema=False, methods=["GET"]
        )
    return site
