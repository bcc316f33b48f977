"""Wire facts of every example of the middleware demo."""

import json

import pytest

ORIGIN = "https://app.example"
EVIL = "https://evil.example"


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("middleware")


def process_time(ex) -> float:
    return float(ex.response.header("x-process-time"))


def test_middleware_times_the_route(run):
    ex = run.first("process-time")
    assert json.loads(ex.body) == {"done": True}
    assert 0.1 <= process_time(ex) < 0.5  # the route sleeps 0.1 s


def test_for_a_stream_call_next_returns_with_the_head(run):
    ex = run.first("stream-time")
    assert ex.body == b"part 0\npart 1\npart 2\n"
    assert ex.response.header("transfer-encoding") == "chunked"
    assert ex.chunks[-1].t > 0.25  # the body took about 0.3 s ...
    # ... the middleware measured only until the head: less than the 0.1 s the generator
    # sleeps before its first part, so none of the body's time is in it.
    assert process_time(ex) < 0.1
    assert process_time(ex) < ex.chunks[0].t


@pytest.mark.parametrize(
    "name", ["cors-exposed", "cors-hidden", "credentials-wildcard", "wildcard"]
)
def test_the_http_middleware_wraps_the_mounted_apps_too(run, name):
    assert run.first(name).response.header("x-process-time") is not None


def test_expose_headers_names_the_custom_header(run):
    ex = run.first("cors-exposed")
    assert ex.response.header("access-control-allow-origin") == ORIGIN
    assert ex.response.header("access-control-expose-headers") == "x-process-time"


def test_without_expose_headers_the_header_is_sent_but_not_exposed(run):
    ex = run.first("cors-hidden")
    assert ex.response.header("access-control-allow-origin") == ORIGIN
    assert ex.response.header("access-control-expose-headers") is None
    assert ex.response.header("x-process-time") is not None


def test_credentials_with_wildcard_echo_the_origin(run):
    ex = run.first("credentials-wildcard")
    assert ex.response.header("access-control-allow-origin") == EVIL
    assert ex.response.header("access-control-allow-credentials") == "true"
    assert ex.response.header("vary") == "Origin"


def test_wildcard_without_credentials_is_sent_as_is(run):
    ex = run.first("wildcard")
    assert ex.response.header("access-control-allow-origin") == "*"
    assert ex.response.header("access-control-allow-credentials") is None
    assert ex.response.header("vary") == "Origin"


@pytest.mark.parametrize("credentials", [True, False])
def test_preflight_with_wildcard_follows_the_same_rule(credentials):
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware

    from tests.demos._live import fetch

    app = FastAPI()
    app.add_middleware(
        CORSMiddleware, allow_origins=["*"], allow_credentials=credentials, allow_methods=["PUT"]
    )
    response = fetch(
        app, "OPTIONS", "/x", headers={"origin": EVIL, "access-control-request-method": "PUT"}
    )
    assert response.status_code == 200
    expected = EVIL if credentials else "*"
    assert response.headers["access-control-allow-origin"] == expected
    assert ("access-control-allow-credentials" in response.headers) is credentials
