"""Wire facts of every example of the exception-handlers demo."""

import json

import pytest
from fastapi import FastAPI, HTTPException
from starlette.exceptions import HTTPException as StarletteHTTPException


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("exception-handlers")


def logged(ex) -> list[str]:
    return [e.message for e in ex.server_log]


def test_validation_errors_in_your_own_shape(run):
    ex = run.first("validation-shape")
    assert ex.response.status == 400
    assert json.loads(ex.body) == {
        "error": "invalid request",
        "fields": ["body.sku", "body.quantity"],
    }


def test_default_validation_handler_reused_after_a_log_line(run):
    ex = run.first("validation-default")
    assert ex.response.status == 422
    detail = json.loads(ex.body)["detail"]
    assert [e["loc"] for e in detail] == [["body", "sku"], ["body", "quantity"]]
    assert {"type", "loc", "msg", "input"} <= set(detail[0])
    assert logged(ex) == ["invalid request to /v2/orders: 2 errors"]


def test_dict_detail_is_nested_under_detail(run):
    ex = run.first("dict-detail")
    assert ex.response.status == 413
    assert ex.body == b'{"detail":{"code":"too_large","max_rows":10000}}'


def test_exception_headers_reach_the_wire(run):
    ex = run.first("with-headers")
    assert ex.response.status == 429
    assert ex.response.header("retry-after") == "30"
    assert json.loads(ex.body) == {"detail": "Too many requests"}


def test_router_404_goes_through_the_starlette_handler(run):
    ex = run.first("router-404")
    assert ex.response.status == 404
    assert json.loads(ex.body) == {"detail": "Not Found"}  # FastAPI's default body
    assert ex.response.header("x-error-logged") == "yes"
    assert logged(ex) == ["HTTP 404 for /nowhere"]


def test_a_handler_for_fastapis_class_misses_the_router_404(run):
    ex = run.first("router-404-missed")
    assert ex.response.status == 404
    assert json.loads(ex.body) == {"detail": "Not Found"}
    assert ex.response.header("x-error-logged") is None
    assert logged(ex) == []


def test_own_exception_class(run):
    ex = run.first("own-exception")
    assert ex.response.status == 402
    assert json.loads(ex.body) == {"error": "payment_required", "item": "report.pdf", "price": 4.5}


def test_starlette_exception_is_caught_by_the_same_handler(run):
    ex = run.first("starlette-exception")
    assert ex.response.status == 418
    assert json.loads(ex.body) == {"detail": "I only brew tea"}
    assert ex.response.header("x-error-logged") == "yes"


def test_fastapis_http_exception_is_starlettes_subclass():
    assert issubclass(HTTPException, StarletteHTTPException)
    assert HTTPException is not StarletteHTTPException


@pytest.mark.parametrize(
    ("registered", "router_404", "route_404", "route_409"),
    [
        (StarletteHTTPException, True, True, True),
        (HTTPException, False, True, True),
        (404, True, True, False),
        (Exception, False, False, False),  # only what nothing else handles: 500s
    ],
    ids=["starlette-class", "fastapi-class", "status-404", "Exception"],
)
def test_which_registration_sees_which_http_error(registered, router_404, route_404, route_409):
    from fastapi.exception_handlers import http_exception_handler

    from tests.demos._live import served

    app = FastAPI()

    @app.exception_handler(registered)
    async def mark(request, exc):
        response = await http_exception_handler(request, exc)
        response.headers["x-mine"] = "yes"
        return response

    @app.get("/missing")
    async def missing() -> dict:
        raise HTTPException(404, "no such thing")

    @app.get("/conflict")
    async def conflict() -> dict:
        raise HTTPException(409, "busy")

    with served(app) as (client, _):
        seen = {
            path: client.get(path).headers.get("x-mine") == "yes"
            for path in ("/nowhere", "/missing", "/conflict")
        }
    assert seen == {"/nowhere": router_404, "/missing": route_404, "/conflict": route_409}


def test_fastapis_default_handlers_and_the_plain_500():
    from fastapi.exception_handlers import (
        http_exception_handler,
        request_validation_exception_handler,
    )
    from fastapi.exceptions import RequestValidationError

    from tests.demos._live import served

    app = FastAPI()
    assert app.exception_handlers[StarletteHTTPException] is http_exception_handler
    assert app.exception_handlers[RequestValidationError] is request_validation_exception_handler
    assert Exception not in app.exception_handlers and 500 not in app.exception_handlers

    @app.get("/boom")
    async def boom() -> dict:
        raise RuntimeError("boom")

    with served(app) as (client, log):
        response = client.get("/boom")
    assert response.status_code == 500
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.content == b"Internal Server Error"  # Starlette's ServerErrorMiddleware
    assert any("RuntimeError: boom" in e.message for e in log.entries)
