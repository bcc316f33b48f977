"""Wire facts of every example of the custom-json demo, against the installed FastAPI."""

import json
import warnings

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, ORJSONResponse
from pydantic import BaseModel

from fastapi_responses_cli.live_server import LiveServer
from fastapi_responses_cli.runner import run_demo
from tests.demos._live import fetch

FAST_BODY = b'{"sensor":"probe-7","value":1e-7,"peak":null}'


@pytest.fixture(scope="module")
def run(recorded):
    # The legacy example twice: the warning belongs to the first response only.
    return recorded(
        "custom-json",
        ["orjson-legacy", "orjson-legacy", "current", "default-class", "default-class-nan"],
    )


def deprecations(ex):
    return [e for e in ex.server_log if e.source == "FastAPIDeprecationWarning"]


def test_orjson_still_works_but_warns_in_the_exchange(run):
    first, second = run.by_example("orjson-legacy")
    assert first.response.status == 200
    assert first.response.header("content-type") == "application/json"
    assert first.body == FAST_BODY  # orjson also writes 1e-7 and NaN as null
    (warning,) = deprecations(first)
    assert warning.level == "WARNING"
    assert warning.message.startswith("ORJSONResponse is deprecated, FastAPI now serializes data")
    assert "directly to JSON bytes via Pydantic when a return type or response model" in (
        warning.message
    )
    # Nothing at import or decoration time: the class warns when it is instantiated.
    assert not [e for e in run.startup_log if e.source == "FastAPIDeprecationWarning"]
    assert second.response.status == 200
    assert deprecations(second) == []


def test_every_run_shows_the_warning_again():
    again = run_demo("custom-json", ["orjson-legacy"])
    assert len(deprecations(again.first("orjson-legacy"))) == 1


def test_current_way_is_pydantic_json_without_warning(run):
    ex = run.first("current")
    assert ex.response.status == 200
    assert ex.response.header("content-type") == "application/json"
    assert ex.body == FAST_BODY
    assert ex.server_log == []


def test_default_response_class_switches_to_json_dumps(run):
    ex = run.first("default-class")
    assert ex.response.status == 200
    assert ex.response.header("content-type") == "application/json"
    assert ex.body == b'{"sensor":"probe-7","value":1e-07,"peak":2.5}'
    # That spelling is Python's json module, as JSONResponse.render calls it.
    assert json.dumps({"value": 1e-7}, separators=(",", ":")) == '{"value":1e-07}'
    assert ex.server_log == []


def test_default_response_class_turns_nan_into_a_500(run):
    ex = run.first("default-class-nan")
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


def test_default_response_class_on_the_app_has_the_same_effect():
    app = FastAPI(default_response_class=JSONResponse)

    @app.get("/x")
    def x() -> dict[str, float]:
        return {"value": 1e-7}

    plain = FastAPI()
    plain.get("/x")(x)

    with LiveServer(app) as slow, LiveServer(plain) as fast, httpx.Client() as client:
        assert client.get(slow.url + "/x").content == b'{"value":1e-07}'
        assert client.get(fast.url + "/x").content == b'{"value":1e-7}'


class _Reading(BaseModel):
    value: float
    peak: float


@pytest.mark.parametrize(
    ("response_class", "status", "body"),
    [
        (None, 200, b'{"value":1e-7,"peak":null}'),  # Pydantic writes the bytes
        (JSONResponse, 500, b"Internal Server Error"),  # json.dumps(allow_nan=False)
        (ORJSONResponse, 200, b'{"value":1e-7,"peak":null}'),  # orjson: NaN is null
    ],
    ids=["fast-path", "JSONResponse", "ORJSONResponse"],
)
def test_after_the_fast_path_the_class_renders(response_class, status, body):
    app = FastAPI()
    kwargs = {} if response_class is None else {"response_class": response_class}

    @app.get("/r", **kwargs)
    def r() -> _Reading:
        return _Reading(value=1e-7, peak=float("nan"))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ORJSONResponse's deprecation
        response = fetch(app, "GET", "/r")
    assert response.status_code == status
    assert response.content == body


def test_html_response_just_encodes_the_string():
    app = FastAPI()

    @app.get("/page", response_class=HTMLResponse)
    def page() -> str:
        return '<p>caf\u00e9 "1e-7"</p>'

    response = fetch(app, "GET", "/page")
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.content == '<p>caf\u00e9 "1e-7"</p>'.encode()  # no JSON quotes or escapes
