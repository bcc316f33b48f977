"""Wire facts of every example of the status-codes demo."""

import json

import pytest
from fastapi import FastAPI


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


@pytest.mark.parametrize("status", [204, 304])
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
