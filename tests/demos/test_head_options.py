"""Wire facts of every example of the head-options demo."""

import json

import pytest

ORIGIN = "https://app.example"


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("head-options")


def test_head_on_a_get_route_is_405(run):
    ex = run.first("head-on-get")
    assert ex.request.method == "HEAD"
    r = ex.response
    assert r.status == 405
    assert r.header("allow") == "GET"
    # The size of {"detail":"Method Not Allowed"}, which is not sent.
    assert r.header("content-length") == str(len(b'{"detail":"Method Not Allowed"}')) == "31"
    assert ex.body == b""
    assert r.header("vary") == "Origin"  # the CORS middleware touches every answer


def test_head_allowed_keeps_length_drops_body(run):
    ex = run.first("head-allowed")
    r = ex.response
    assert r.status == 200
    assert r.media_type == "application/json"
    assert r.header("content-length") == str(len(b'{"status":"ok"}'))
    assert r.header("transfer-encoding") is None
    assert ex.body == b""
    assert ex.chunks == []
    assert r.header("vary") == "Origin"


def test_plain_options_reaches_the_router_and_gets_405(run):
    ex = run.first("options-plain")
    r = ex.response
    assert r.status == 405
    assert r.header("allow") == "GET"  # the PUT /article route is not listed
    assert json.loads(ex.body) == {"detail": "Method Not Allowed"}
    assert r.header("access-control-allow-origin") is None
    assert r.header("vary") == "Origin"


def test_put_article_really_exists():
    # The claim "although PUT /article exists" is about this app, so check the app.
    from demos.head_options import app

    methods = {m for r in app.routes if getattr(r, "path", None) == "/article" for m in r.methods}
    assert methods == {"GET", "PUT"}


def test_preflight_is_answered_by_the_middleware(run):
    ex = run.first("preflight")
    r = ex.response
    assert r.status == 200
    assert r.header("content-type") == "text/plain; charset=utf-8"
    assert ex.body == b"OK"
    assert r.header("access-control-allow-origin") == ORIGIN
    assert r.header("access-control-allow-methods") == "GET, PUT"
    headers = [h.strip() for h in r.header("access-control-allow-headers").split(",")]
    assert headers == ["Accept", "Accept-Language", "Content-Language", "Content-Type", "x-token"]
    assert r.header("access-control-max-age") == "600"
    assert "Origin" in r.header("vary")
    assert r.header("allow") is None  # not the router's 405


def test_preflight_from_a_foreign_origin_is_400(run):
    ex = run.first("preflight-refused")
    r = ex.response
    assert r.status == 400
    assert ex.body == b"Disallowed CORS origin"
    assert r.header("access-control-allow-origin") is None
    assert r.header("access-control-allow-methods") == "GET, PUT"
    assert r.header("access-control-allow-headers") is not None


def test_simple_cross_origin_get(run):
    ex = run.first("cross-origin-get")
    r = ex.response
    assert r.status == 200
    assert json.loads(ex.body) == {"title": "HEAD and OPTIONS"}
    assert r.header("access-control-allow-origin") == ORIGIN
    assert r.header("vary") == "Origin"
    assert r.header("access-control-allow-methods") is None  # preflight-only headers


SAFE = "Accept, Accept-Language, Content-Language, Content-Type"


@pytest.mark.parametrize(
    ("allow_headers", "requested", "expected"),
    [
        (["x-token"], "x-token", f"{SAFE}, x-token"),
        # Sorted, not appended: capitals sort before lower case.
        (
            ["X-Token", "Authorization"],
            "authorization",
            "Accept, Accept-Language, Authorization, Content-Language, Content-Type, X-Token",
        ),
        (["b-two", "a-one"], "a-one", f"{SAFE}, a-one, b-two"),
        ([], None, SAFE),
        (["*"], "x-one, X-Two", "x-one, X-Two"),  # the wildcard echoes what was asked
        (["*"], None, None),  # ... and with nothing asked, sends no allow-headers at all
    ],
)
def test_allow_headers_is_the_sorted_union_or_the_echo(allow_headers, requested, expected):
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware

    from tests.demos._live import fetch

    app = FastAPI()
    app.add_middleware(
        CORSMiddleware, allow_origins=[ORIGIN], allow_methods=["PUT"], allow_headers=allow_headers
    )
    headers = {"origin": ORIGIN, "access-control-request-method": "PUT"}
    if requested is not None:
        headers["access-control-request-headers"] = requested
    response = fetch(app, "OPTIONS", "/anything", headers=headers)
    assert response.status_code == 200
    assert response.headers.get("access-control-allow-headers") == expected
