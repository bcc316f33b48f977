"""Wire facts of every example of the json-response demo, against the installed FastAPI."""

import json

import pytest


@pytest.fixture(scope="module")
def run(recorded):
    # The runner waits for the server to go idle after each exchange, so uvicorn's record of
    # an exception (logged after the 500 is sent) lands in that exchange's server_log.
    return recorded("json-response")


def test_dict_goes_through_jsonable_encoder(run):
    ex = run.first("dict")
    assert ex.response.status == 200
    assert ex.response.header("content-type") == "application/json"
    # Compact separators, the Decimal became a number and lost its trailing zero.
    assert ex.body == b'{"id":7,"placed":"2024-05-01T12:30:00+00:00","total":19.9}'
    assert ex.response.header("content-length") == str(len(ex.body))
    assert ex.response.header("transfer-encoding") is None
    assert len(ex.chunks) == 1


def test_model_filters_and_pydantic_writes_the_json(run):
    ex = run.first("model")
    assert ex.response.status == 200
    assert ex.response.header("content-type") == "application/json"
    data = json.loads(ex.body)
    assert "supplier_cost" not in data
    assert data == {"id": 7, "placed": "2024-05-01T12:30:00Z", "total": "19.90"}


def test_explicit_json_response_status_and_headers(run):
    ex = run.first("explicit")
    assert ex.request.method == "POST"
    assert ex.response.status == 201
    assert json.loads(ex.body) == {"id": 8, "status": "created"}
    names = [k for k, _ in ex.response.headers]
    # uvicorn's own headers, then ours, then what Starlette computed from the body.
    assert names == ["date", "server", "location", "x-request-id", "content-length", "content-type"]
    assert ex.response.header("location") == "/orders/8"
    assert ex.response.header("x-request-id") == "demo-42"
    assert ex.response.header("content-type") == "application/json"


def test_returned_json_response_skips_response_model(run):
    ex = run.first("skips-model")
    assert ex.response.status == 200
    data = json.loads(ex.body)
    assert data["supplier_cost"] == "11.25"  # the field response_model=Order would drop
    assert set(data) == {"id", "placed", "total", "supplier_cost"}


def test_nan_with_a_model_becomes_null(run):
    ex = run.first("nan-model")
    assert ex.response.status == 200
    assert ex.body == b'{"sensor":"t1","value":null}'
    assert ex.server_log == []


def test_nan_without_a_model_is_a_500(run):
    ex = run.first("nan")
    assert ex.response.status == 500
    assert ex.response.header("content-type") == "text/plain; charset=utf-8"
    assert ex.body == b"Internal Server Error"
    # What the learner sees under the exchange: uvicorn's record of the exception.
    (logged,) = [e for e in ex.server_log if e.level == "ERROR"]
    assert logged.source == "uvicorn.error"
    assert logged.message == (
        "Exception in ASGI application: "
        "ValueError: Out of range float values are not JSON compliant"
    )


def test_who_builds_the_json_response_with_and_without_a_return_type(monkeypatch):
    """Without a return type the data goes through JSONResponse.render; with -> dict the
    fast path hands Pydantic's bytes to a plain Response: JSONResponse is never used."""
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    from tests.demos._live import served

    app = FastAPI()

    @app.get("/untyped")
    def untyped():
        return {"a": 1}

    @app.get("/typed")
    def typed() -> dict:
        return {"a": 1}

    rendered: list[object] = []
    original = JSONResponse.render

    def spy(self, content):
        rendered.append(content)
        return original(self, content)

    monkeypatch.setattr(JSONResponse, "render", spy)
    with served(app) as (client, _):
        typed_response = client.get("/typed")
        assert rendered == []
        untyped_response = client.get("/untyped")
        assert rendered == [{"a": 1}]
    for response in (typed_response, untyped_response):
        assert response.headers["content-type"] == "application/json"
        assert response.content == b'{"a":1}'
