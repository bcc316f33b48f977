"""Wire facts of every example of the errors demo, against the installed FastAPI."""

import json
import logging
import time

import pytest

from fastapi_responses_cli.catalog import get_demo, load_app
from fastapi_responses_cli.live_server import LiveServer
from fastapi_responses_cli.recorder import make_client
from fastapi_responses_cli.runner import run_demo


class _SlowErrorLog(logging.Handler):
    """Makes every uvicorn ERROR record take a while, like a slow server side would."""

    def __init__(self, delay: float) -> None:
        super().__init__(logging.ERROR)
        self.delay = delay

    def emit(self, record: logging.LogRecord) -> None:
        time.sleep(self.delay)


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("errors")


def test_http_exception_headers_reach_the_wire(run):
    ex = run.first("http-exception")
    assert ex.response.status == 401
    assert ex.response.header("www-authenticate") == 'Bearer realm="demo"'
    assert ex.response.media_type == "application/json"
    assert ex.body == b'{"detail":"Not authenticated"}'


def test_unknown_path_is_a_json_404(run):
    ex = run.first("not-found")
    assert ex.response.status == 404
    assert ex.response.media_type == "application/json"
    assert ex.body == b'{"detail":"Not Found"}'
    assert ex.server_log == []


def test_get_order_raises_the_same_shape_for_an_unknown_order(run):
    """The not-found notice compares the router's 404 with the one get_order raises."""
    with LiveServer(load_app(get_demo("errors"))) as server, make_client() as client:
        mine = client.get(server.url + "/orders/99")
    assert mine.status_code == run.first("not-found").response.status == 404
    assert mine.headers["content-type"] == "application/json"
    assert mine.json() == {"detail": "order 99 not found"}


def test_wrong_method_405_allow_lists_only_the_first_matching_route(run):
    ex = run.first("wrong-method")
    assert ex.request.method == "DELETE"
    assert ex.response.status == 405
    assert ex.response.header("allow") == "GET"  # PUT /orders/{order_id} exists too
    assert ex.body == b'{"detail":"Method Not Allowed"}'


def test_invalid_body_422_exact_json(run):
    ex = run.first("invalid-body")
    assert ex.request.method == "POST"
    assert ex.response.status == 422
    assert ex.response.media_type == "application/json"
    assert json.loads(ex.body) == {
        "detail": [
            {
                "type": "string_too_short",
                "loc": ["body", "sku"],
                "msg": "String should have at least 3 characters",
                "input": "A",
                "ctx": {"min_length": 3},
            },
            {
                "type": "int_parsing",
                "loc": ["body", "quantity"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "two",
            },
        ]
    }
    assert ex.server_log == []


def test_bad_response_is_a_plain_text_500_and_a_server_log_entry(run):
    ex = run.first("bad-response")
    assert ex.response.status == 500
    assert ex.response.header("content-type") == "text/plain; charset=utf-8"
    assert ex.body == b"Internal Server Error"
    assert b"12.50 EUR" not in ex.body
    # The details go to uvicorn's error log, after the 500 has been sent.
    [entry] = ex.server_log
    assert (entry.level, entry.source) == ("ERROR", "uvicorn.error")
    assert entry.message.startswith("Exception in ASGI application: ResponseValidationError")
    assert "'loc': ('response', 'total')" in entry.message
    assert "'input': '12.50 EUR'" in entry.message


def test_bad_response_handled_is_json_and_logs_nothing(run):
    ex = run.first("bad-response-handled")
    assert ex.error is None
    assert ex.response.status == 500
    assert ex.response.media_type == "application/json"
    assert json.loads(ex.body) == {
        "detail": "the server built an invalid response",
        "problems": [
            {
                "loc": ["response", "total"],
                "msg": "Input should be a valid number, unable to parse string as a number",
            }
        ],
    }
    assert ex.server_log == []


def test_custom_exception_handler(run):
    ex = run.first("custom-exception")
    assert ex.request.method == "POST"
    assert ex.response.status == 409
    assert ex.response.header("retry-after") == "172800"
    assert json.loads(ex.body) == {"error": "out_of_stock", "sku": "ABC-9", "back_in_days": 2}
    assert ex.server_log == []


def test_no_warnings_at_startup(run):
    assert run.startup_log == []


def test_a_late_error_record_stays_with_its_own_500():
    """uvicorn logs after the 500 is sent and then closes the connection; the runner waits for
    the server to go idle, so even a slow record lands with the request that caused it and
    the next request does not reuse the closing connection."""
    slow = _SlowErrorLog(0.05)
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(slow)
    try:
        run = run_demo("errors", ["bad-response", "bad-response-handled"])
    finally:
        logger.removeHandler(slow)
    bad, handled = run.exchanges
    assert [e.source for e in bad.server_log] == ["uvicorn.error"]
    assert handled.error is None and handled.server_log == []


@pytest.mark.parametrize(
    ("path", "traceback"),
    [("/checked/orders/7", False), ("/orders/7", True)],
    ids=["handled", "unhandled"],
)
def test_access_log_records_the_500_either_way_only_unhandled_logs_an_error(path, traceback):
    from tests.demos._live import with_access_log

    response, lines = with_access_log(load_app(get_demo("errors")), "GET", path)
    assert response.status_code == 500
    access = [line for line in lines if line.startswith("INFO uvicorn.access")]
    assert len(access) == 1 and f'"GET {path} HTTP/1.1" 500' in access[0]
    errors = [line for line in lines if line.startswith("ERROR")]
    assert bool(errors) is traceback, errors


@pytest.mark.parametrize(
    ("first", "second", "allow"),
    [("get", "put", "GET"), ("put", "get", "PUT"), ("post", "get", "POST")],
)
def test_405_allow_comes_from_the_first_route_whose_path_matched(first, second, allow):
    from fastapi import FastAPI
    from fastapi.routing import APIRouter

    from tests.demos._live import fetch

    app = FastAPI()
    getattr(app, first)("/things/{thing_id}")(lambda thing_id: {"first": thing_id})
    getattr(app, second)("/things/{thing_id}")(lambda thing_id: {"second": thing_id})
    response = fetch(app, "DELETE", "/things/1")
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    # FastAPI's own router makes the choice (its app method, not Starlette's Router.app).
    assert "app" in vars(APIRouter)
