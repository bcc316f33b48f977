"""Wire facts of every example of the json-response demo, against the installed FastAPI."""

import json
import logging
import time

import pytest

from fastapi_responses_cli.runner import run_demo


class _Errors(logging.Handler):
    """uvicorn's ERROR records, each with the perf_counter time it was emitted."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[tuple[float, logging.LogRecord]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((time.perf_counter(), record))


@pytest.fixture(scope="module")
def run():
    # uvicorn logs an application's exception only after the 500 has been sent, so the record
    # can arrive after the exchange has ended. Wait for it before the next request goes out.
    errors = _Errors()
    logger = logging.getLogger("uvicorn.error")

    def settle(event):
        ex = event.exchange
        if event.kind == "end" and ex.response is not None and ex.response.status == 500:
            deadline = time.perf_counter() + 2.0
            while time.perf_counter() < deadline and not any(t >= ex.t0 for t, _ in errors.records):
                time.sleep(0.005)

    logger.addHandler(errors)
    try:
        result = run_demo("json-response", on_event=settle)
    finally:
        logger.removeHandler(errors)
    result.error_records = errors.records
    return result


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
    assert not [r for t, r in run.error_records if ex.t0 <= t <= ex.t0 + ex.t_end]


def test_nan_without_a_model_is_a_500(run):
    ex = run.first("nan")
    assert ex.response.status == 500
    assert ex.response.header("content-type") == "text/plain; charset=utf-8"
    assert ex.body == b"Internal Server Error"
    (logged,) = [r for t, r in run.error_records if t >= ex.t0]
    assert logged.getMessage().startswith("Exception in ASGI application")
    exc = logged.exc_info[1]
    assert isinstance(exc, ValueError)
    assert str(exc) == "Out of range float values are not JSON compliant"
