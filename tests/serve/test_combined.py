"""The combined app: every demo under its prefix, answering exactly as it does standalone."""

from __future__ import annotations

from collections import Counter
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI, HTTPException, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse

from fastapi_responses_cli import catalog
from fastapi_responses_cli.content import DemoMeta
from fastapi_responses_cli.errors import FrcliError
from fastapi_responses_cli.live_server import LiveServer
from fastapi_responses_cli.site.app import RESERVED, Mounted, check_names, create_app

from .conftest import catalog_names, route_table


def test_every_catalog_demo_is_served(combined):
    assert combined.broken == {}, f"demos that did not import: {combined.broken}"
    assert list(combined.mounted) == catalog_names()
    for name, entry in combined.mounted.items():
        # The very app object the demo module defines: its middleware and handlers included.
        assert entry.app is catalog.load_app(catalog.get_demo(name))


def test_route_table_has_no_clashes(combined):
    table = route_table(combined)
    counts = Counter((method, path) for method, path, _ in table)
    assert [key for key, n in counts.items() if n > 1] == []
    # No site route lives under a demo's prefix, and no demo is named like a site path.
    for _, path, owner in table:
        if owner == "site":
            first = path.strip("/").split("/")[0]
            assert first in RESERVED or (first in combined.mounted and path == f"/{first}")
    assert not set(combined.mounted) & RESERVED


@pytest.mark.parametrize("name", ["docs", "live", "_site", "openapi.json", "a/b"])
def test_a_demo_named_like_a_site_path_is_refused(name):
    with pytest.raises(FrcliError, match="clashes"):
        check_names(["streaming", name])


def _shape(exchanges) -> list[tuple]:
    """What must match between standalone and served: per hop, status, media type, the
    header names (values carry dates and etags), and where a redirect points."""
    out = []
    for ex in exchanges:
        if ex.response is None:
            out.append(("error", ex.error))
            continue
        names = sorted({k.lower() for k, _ in ex.response.headers})
        out.append((ex.response.status, ex.response.media_type, names))
    return out


# custom-json's legacy ORJSONResponse warns on its first response; its own tests assert that.
@pytest.mark.filterwarnings("ignore:ORJSONResponse is deprecated")
@pytest.mark.parametrize("name", catalog_names())
def test_each_example_answers_under_its_prefix_as_standalone(name, recorded, served_hops):
    demo = catalog.get_demo(name)
    alone = recorded(name)
    for example in demo.meta.examples:
        standalone = alone.by_example(example.name)
        under_prefix = served_hops(name, example)
        assert _shape(under_prefix) == _shape(standalone), f"{name} {example.name}"
        for a, b in zip(standalone, under_prefix, strict=True):
            # A location within the demo points into the demo's prefix when served, so the
            # followed hops above matched; any other location is passed on untouched.
            location = a.response.header("location")
            own = "/".join(a.request.url.split("/", 3)[:3])  # the standalone server's origin
            if location and location.startswith("/") and not location.startswith("//"):
                assert b.response.header("location") == f"/{name}{location}", example.name
            elif location and location.startswith(own + "/"):
                # An absolute URL of the server itself (redirect_slashes builds one from the
                # Host header): served, it names the combined server and the demo's prefix.
                rest = location[len(own) :]
                combined = "/".join(b.request.url.split("/", 3)[:3])  # the recording's server
                assert b.response.header("location") == f"{combined}/{name}{rest}", example.name
            else:
                assert b.response.header("location") == location, example.name


def test_unknown_paths_and_bare_prefixes(client):
    assert client.get("/no-such-demo/x").status_code == 404
    first = catalog_names()[0]
    r = client.get(f"/{first}")
    assert r.status_code == 307
    assert r.headers["location"] == f"/#{first}"


# A synthetic pair of demos pins what "each demo keeps its own app" means, whatever the
# catalog holds today: middleware, exception handlers, lifespan state and url_for.


def _fake_demo(name: str):
    meta = DemoMeta.model_validate(
        {
            "title": name,
            "summary": "s",
            "topic": "t",
            "examples": [{"name": "e", "title": "t", "path": "/big", "route": "r", "notice": "n"}],
        }
    )
    demo = catalog.Demo(name, f"fake.{name}", catalog.demos_dir() / f"{name}.py")
    demo.meta = meta  # set what the catalog would read from the file
    return demo


class Refused(Exception):
    pass


@pytest.fixture(scope="module")
def pair_mounted() -> dict[str, Mounted]:
    @asynccontextmanager
    async def lifespan(app):
        yield {"who": "alpha"}

    alpha = FastAPI(lifespan=lifespan)
    alpha.add_middleware(GZipMiddleware, minimum_size=10)

    @alpha.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> JSONResponse:
        return JSONResponse({"handled_by": "alpha"}, status_code=418)

    beta = FastAPI()
    for app in (alpha, beta):

        @app.get("/big", name="big")
        def big(request: Request) -> dict:
            return {"text": "x" * 2000, "state": getattr(request.state, "who", None)}

        @app.get("/where")
        def where(request: Request) -> dict:
            return {"url": str(request.url_for("big"))}

        @app.get("/refuse")
        def refuse() -> None:
            raise Refused()

        @app.get("/missing")
        def missing() -> None:
            raise HTTPException(404, "gone")

    return {
        "alpha": Mounted(_fake_demo("alpha"), alpha),
        "beta": Mounted(_fake_demo("beta"), beta),
    }


@pytest.fixture(scope="module")
def pair(pair_mounted):
    with LiveServer(create_app(pair_mounted, {})) as server:
        # No keep-alive: uvicorn closes a connection after an unhandled exception (the
        # plain 500 below), and a pooled connection would then be reset under the next test.
        limits = httpx.Limits(max_keepalive_connections=0)
        with httpx.Client(base_url=server.url, trust_env=False, limits=limits) as client:
            yield client


def test_middleware_applies_to_its_demo_only(pair):
    a = pair.get("/alpha/big", headers={"accept-encoding": "gzip"})
    b = pair.get("/beta/big", headers={"accept-encoding": "gzip"})
    assert a.headers.get("content-encoding") == "gzip"
    assert b.headers.get("content-encoding") is None
    assert a.json()["text"] == b.json()["text"]


def test_exception_handlers_apply_to_their_demo_only(pair):
    assert pair.get("/alpha/refuse").status_code == 418
    assert pair.get("/beta/refuse").status_code == 500  # no handler there: a plain 500
    assert pair.get("/beta/missing").json() == {"detail": "gone"}


def test_each_demo_gets_its_own_lifespan_state(pair):
    assert pair.get("/alpha/big").json()["state"] == "alpha"
    assert pair.get("/beta/big").json()["state"] is None


def test_url_for_inside_a_demo_includes_its_prefix(pair):
    assert pair.get("/alpha/where").json()["url"].endswith("/alpha/big")


def test_url_for_keeps_the_prefix_when_the_combined_app_is_mounted(pair_mounted):
    """A Starlette Mount (or router) in front sets ``app_root_path`` to its own root, which
    ``url_for`` prefers to ``root_path``: the combined app must set it to the demo's prefix
    (``child["app_root_path"]`` in site/mounts.py), or links inside a demo leave it."""
    from starlette.applications import Starlette
    from starlette.routing import Mount

    outer = Starlette(routes=[Mount("/outer", app=create_app(pair_mounted, {}))])
    with LiveServer(outer) as server, httpx.Client(base_url=server.url, trust_env=False) as c:
        assert c.get("/outer/alpha/where").json()["url"] == f"{server.url}/outer/alpha/big"


def test_location_rewrite_leaves_absolute_and_prefixed_urls(pair, served):
    # Through the real app: a prefixed location is not prefixed twice.
    from fastapi_responses_cli.site.mounts import prefix_location

    sent = []

    async def send(message):
        sent.append(message)

    import asyncio

    for value, expected in [
        (b"/landing", b"/redirects/landing"),
        (b"/redirects/landing", b"/redirects/landing"),
        (b"http://example.com/x", b"http://example.com/x"),
        (b"//example.com/x", b"//example.com/x"),
        (b"next", b"next"),
    ]:
        wrapped = prefix_location(send, "/redirects")
        message = {"type": "http.response.start", "status": 307, "headers": [(b"location", value)]}
        asyncio.run(wrapped(message))
        assert sent[-1]["headers"] == [(b"location", expected)]


TRAVERSALS = [
    "/files/files/..%2F..%2Ffiles.py",
    "/files/files/../../files.py",
    "/files/files/%2e%2e/%2e%2e/files.py",
    "/files/files/..%2F..%2F..%2Ffastapi_responses_cli%2Fserve.py",
    "/files/files/%2Fetc%2Fpasswd",
    "/files/files//etc/passwd",
    "/files/../files/files/pixel.png",
]


@pytest.mark.parametrize("raw_path", TRAVERSALS)
def test_the_files_demo_refuses_path_traversal_when_served(served, raw_path):
    import http.client

    # http.client sends the path as written: no client-side '..' clean-up hides anything.
    host, port = served.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", raw_path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert 400 <= response.status < 500, (raw_path, response.status)
    assert b"META" not in body and b"import" not in body and b"root:" not in body


def test_the_files_demo_still_serves_its_own_files(client):
    r = client.get("/files/files/pixel.png")
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png"


def test_docs_pages_use_files_served_here_not_a_cdn(client):
    for page, asset in [("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")]:
        html = client.get(page).text
        assert f'src="/_docs/{asset}"' in html, page
        assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
        js = client.get(f"/_docs/{asset}")
        assert js.status_code == 200 and len(js.content) > 100_000
