"""Wire facts of every example of the status-codes demo."""

import json

import httpx
import pytest
from fastapi import FastAPI

from tests.demos._live import served


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("status-codes")


def header_names(ex):
    return [k.lower() for k, _ in ex.response.headers]


def test_201_from_decorator_keeps_the_body(run):
    ex = run.first("created")
    assert ex.response.status == 201
    assert json.loads(ex.body) == {"name": "lamp"}
    assert ex.response.header("content-length") == str(len(ex.body))
    assert ex.response.media_type == "application/json"


def test_202_with_a_body(run):
    ex = run.first("accepted")
    assert ex.response.status == 202
    assert json.loads(ex.body) == {"report": 12, "status": "queued", "poll": "/reports/12"}
    assert ex.response.header("content-length") == str(len(ex.body))


def assert_bodiless(ex):
    assert ex.body == b""
    assert ex.chunks == []
    assert ex.response.header("content-length") is None
    assert ex.response.header("transfer-encoding") is None
    assert ex.error is None


def test_204_from_decorator_drops_the_returned_dict(run):
    ex = run.first("no-content")
    assert ex.response.status == 204
    assert_bodiless(ex)
    assert ex.response.header("content-type") == "application/json"


@pytest.mark.parametrize("status", [100, 204, 205, 304])
def test_a_body_annotation_with_a_bodiless_status_fails_at_startup(status):
    app = FastAPI()
    with pytest.raises(AssertionError, match=f"Status code {status} must not have a response body"):

        @app.get("/x", status_code=status)
        def x() -> dict:
            return {}


def test_bare_response_204_has_only_date_and_server(run):
    ex = run.first("no-content-response")
    assert ex.response.status == 204
    assert_bodiless(ex)
    assert header_names(ex) == ["date", "server"]


def test_stale_etag_gets_the_full_body(run):
    ex = run.first("stale-etag")
    assert ex.request.headers[-1] == ("if-none-match", '"v2"')
    assert ex.response.status == 200
    assert ex.response.header("etag") == '"v3"'
    assert ex.response.header("cache-control") == "max-age=60"
    assert json.loads(ex.body) == {"title": "Status codes", "version": 3}
    assert ex.response.header("content-length") == str(len(ex.body))


def test_matching_etag_gets_304_head_only(run):
    ex = run.first("not-modified")
    assert ex.response.status == 304
    assert_bodiless(ex)
    assert ex.response.header("content-type") is None
    assert header_names(ex) == ["date", "server", "etag", "cache-control"]
    assert ex.response.header("etag") == '"v3"'
    assert ex.response.header("cache-control") == "max-age=60"


def test_205_from_decorator_announces_a_body_it_never_sends(run):
    ex = run.first("reset-content")
    assert ex.response.status == 205
    assert ex.response.header("content-length") == "14" == str(len(b'{"reset":true}'))
    assert ex.response.header("content-type") == "application/json"
    assert ex.body == b""
    assert ex.error is not None and "received 0 bytes, expected 14" in ex.error
    errors = [e for e in ex.server_log if e.level == "ERROR"]
    assert errors and "Too little data for declared Content-Length" in errors[0].message
    assert "LocalProtocolError" in errors[0].message


def test_bare_response_205_is_complete_with_length_zero(run):
    ex = run.first("reset-content-response")
    assert ex.response.status == 205
    assert ex.response.header("content-length") == "0"
    assert ex.body == b""
    assert ex.error is None
    assert [e for e in ex.server_log if e.level == "ERROR"] == []


@pytest.mark.parametrize(
    ("status", "bodiless"),
    [
        (100, True),
        (199, True),
        (200, False),
        (204, True),
        (205, True),
        (206, False),
        (304, True),
        (404, False),
    ],
)
def test_fastapi_treats_1xx_204_205_304_as_bodiless(status, bodiless):
    from fastapi.utils import is_body_allowed_for_status_code

    assert is_body_allowed_for_status_code(status) is not bodiless


@pytest.mark.parametrize(
    ("status", "length"),
    [(101, None), (199, None), (200, "0"), (204, None), (205, "0"), (304, None), (404, "0")],
)
def test_starlette_omits_content_length_only_for_1xx_204_304(status, length):
    from starlette.responses import Response as StarletteResponse

    headers = dict(StarletteResponse(status_code=status).headers)
    assert headers.get("content-length") == length


@pytest.mark.parametrize(("status", "breaks"), [(204, False), (205, True), (304, False)])
def test_a_returned_dict_with_a_bodiless_status_on_the_wire(status, breaks):
    app = FastAPI()

    @app.post("/x", status_code=status)
    def x():
        return {"reset": True}

    with served(app) as (client, _):
        try:
            response = client.post("/x")
            response.read()
            broke = False
        except httpx.RemoteProtocolError:
            broke = True
        if breaks:
            assert broke
        else:
            assert not broke
            assert response.status_code == status
            assert "content-length" not in response.headers
            assert response.content == b""
