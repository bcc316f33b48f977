"""Every quiz question whose answer is a fact about FastAPI is proved on the installed version.

Each entry in FACTS runs against the exchange of the example the question points at (plus any
examples it ``needs``), recorded from a real uvicorn server by ``run_demo`` once per session
(the ``recorded`` fixture, shared with the demo tests). A fact question
without an entry fails the suite, so a new question cannot ship unproven; ``claim = "advice"``
questions are design advice and need none.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from fastapi_responses_cli import catalog
from fastapi_responses_cli.quiz.model import load_all
from fastapi_responses_cli.runner import DemoRun
from fastapi_responses_cli.streams import parse_jsonl, parse_sse
from fastapi_responses_cli.timeline import Exchange

QUIZZES = load_all()
QUESTIONS = {
    f"{topic}/{q.id}": (topic, q) for topic, quiz in QUIZZES.items() for q in quiz.questions
}


@dataclass(frozen=True)
class Fact:
    check: Callable[[Exchange, DemoRun], None]
    needs: tuple[str, ...] = ()


FACTS: dict[str, Fact] = {}


def fact(key: str, needs: tuple[str, ...] = ()):
    def register(fn: Callable[[Exchange, DemoRun], None]):
        assert key not in FACTS, f"two assertions for {key}"
        FACTS[key] = Fact(fn, needs)
        return fn

    return register


def body(ex: Exchange):
    return json.loads(ex.body)


def head(ex: Exchange, name: str) -> str | None:
    return ex.response.header(name)


def names(ex: Exchange) -> list[str]:
    """Response header names in wire order, lower case, without uvicorn's date and server."""
    return [k.lower() for k, _ in ex.response.headers if k.lower() not in ("date", "server")]


def logged(ex: Exchange, text: str) -> list:
    return [e for e in ex.server_log if text in e.message]


def log_time(ex: Exchange, text: str) -> float:
    """Seconds since the request was sent at which the server logged ``text``."""
    (entry,) = logged(ex, text)
    return entry.t - ex.t0


# -- response-models ---------------------------------------------------------------------------
USER_OUT = {"id": 1, "name": "Alice", "email": "alice@example.com"}


@fact("response-models/hide-a-secret-field")
def _(ex, run):
    assert ex.response.status == 200
    assert body(ex) == USER_OUT
    assert b"hashed_password" not in ex.body and b"is_superuser" not in ex.body
    # The wrong choice Field(repr=False) only hides the field from repr(), not from JSON.
    from pydantic import BaseModel, Field

    class Secret(BaseModel):
        hashed_password: str = Field(repr=False)

    assert "hashed_password" in Secret(hashed_password="x").model_dump_json()
    assert "hashed_password" not in repr(Secret(hashed_password="x"))


@fact("response-models/what-response-model-does", needs=("list",))
def _(ex, run):
    assert ex.response.status == 200
    assert body(ex) == USER_OUT  # filtered
    # validated (and converted): the list example's int price comes out as a float
    assert body(run.first("list"))[0]["price"] == 1200.0
    assert b'"price":1200.0' in run.first("list").body
    app = catalog.load_app(run.demo)
    get = app.openapi()["paths"]["/users/{user_id}"]["get"]
    ref = get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/UserOut"
    assert "requestBody" not in get  # the request side is untouched


@fact("response-models/annotation-filters-too")
def _(ex, run):
    assert ex.response.status == 200
    assert body(ex) == USER_OUT


@fact("response-models/response-model-wins")
def _(ex, run):
    assert body(ex) == USER_OUT


@fact("response-models/list-of-models")
def _(ex, run):
    first = body(ex)[0]
    assert first == {"id": 1, "name": "Laptop", "price": 1200.0}
    assert b'"price":1200.0' in ex.body and b"secret" not in ex.body


@fact("response-models/optional-none-is-200")
def _(ex, run):
    assert ex.response.status == 200
    assert ex.body == b"null"


@fact("response-models/status-code-in-decorator")
def _(ex, run):
    assert ex.response.status == 201
    assert body(ex) == {"id": 3, "name": "Tablet", "price": 450.0}


@fact("response-models/include-keeps-docs-wide")
def _(ex, run):
    assert body(ex) == {"id": 1, "name": "Alice"}
    app = catalog.load_app(run.demo)
    op = app.openapi()["paths"]["/users/{user_id}/card"]["get"]
    ref = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/User"
    props = app.openapi()["components"]["schemas"]["User"]["properties"]
    assert set(props) == {"id", "name", "email", "role", "hashed_password"}


@fact("response-models/exclude-sends-the-rest")
def _(ex, run):
    assert body(ex) == {"id": 1, "name": "Alice", "email": "alice@example.com", "role": "admin"}


@fact("response-models/exclude-none")
def _(ex, run):
    assert ex.body == b'{"total":100}'


@fact("response-models/exclude-unset-means-returned", needs=("exclude-unset-row",))
def _(ex, run):
    # The GET carries no body at all, yet fields are left out: "unset" is about the object.
    assert ex.request.body == b""
    assert body(ex) == {"name": "Desk lamp"}
    # The explanation's limit: an ORM-style object is read attribute by attribute, all set.
    row = run.first("exclude-unset-row")
    assert body(row) == {"name": "Desk lamp", "description": None, "price": 0.0}


@fact("response-models/exclude-unset-on-patch")
def _(ex, run):
    assert json.loads(ex.request.body) == {"price": 12.5}
    assert body(ex) == {"name": "Chair", "description": "Oak, four legs", "price": 12.5}


@fact("response-models/returned-response-skips-model")
def _(ex, run):
    assert ex.response.status == 200
    data = body(ex)
    assert data["hashed_password"] and data["is_superuser"] is False
    assert set(data) > set(USER_OUT)


# -- json-response -----------------------------------------------------------------------------
@fact("json-response/implicit-json-content-type")
def _(ex, run):
    assert head(ex, "content-type") == "application/json"
    # With -> dict the fast path sends a plain Response: the same type, no charset either.
    from fastapi import FastAPI

    from tests.demos._live import fetch

    app = FastAPI()

    @app.get("/typed")
    def typed() -> dict:
        return {"a": 1}

    assert fetch(app, "GET", "/typed").headers["content-type"] == "application/json"


@fact("json-response/when-to-return-jsonresponse")
def _(ex, run):
    assert ex.response.status == 201
    assert head(ex, "location") == "/orders/8"
    assert head(ex, "content-length") == str(len(ex.body))
    assert head(ex, "content-type") == "application/json"
    assert body(ex) == {"id": 8, "status": "created"}


@fact("json-response/decimal-two-paths", needs=("model",))
def _(ex, run):
    assert body(ex)["total"] == 19.9 and b'"total":19.9}' in ex.body
    assert body(run.first("model"))["total"] == "19.90"


@fact("json-response/datetime-through-model", needs=("dict",))
def _(ex, run):
    assert body(ex)["placed"] == "2024-05-01T12:30:00Z"
    assert body(run.first("dict"))["placed"] == "2024-05-01T12:30:00+00:00"


@fact("json-response/nan-without-return-type")
def _(ex, run):
    assert ex.response.status == 500
    assert ex.response.media_type == "text/plain"
    assert ex.body == b"Internal Server Error"
    assert any("ValueError" in e.message for e in ex.server_log)


@fact("json-response/nan-with-return-type")
def _(ex, run):
    assert ex.response.status == 200
    assert ex.body == b'{"sensor":"t1","value":null}'


# -- response-classes --------------------------------------------------------------------------
@fact("response-classes/deprecated-json-classes")
def _(ex, run):
    assert ex.response.status == 200
    warned = [e for e in ex.server_log if e.source == "FastAPIDeprecationWarning"]
    assert warned and "ORJSONResponse is deprecated" in warned[0].message
    import fastapi.responses as fr
    from starlette.responses import FileResponse, HTMLResponse, StreamingResponse

    assert "UJSONResponse is deprecated" in fr.UJSONResponse.__deprecated__
    for cls in (StreamingResponse, FileResponse, HTMLResponse):
        assert not hasattr(cls, "__deprecated__")


@fact("response-classes/fastest-json-today", needs=("orjson-legacy",))
def _(ex, run):
    assert ex.server_log == []  # no deprecation warning on this path
    assert b'"value":1e-7' in ex.body  # Pydantic's number format: it wrote the bytes
    warning = run.first("orjson-legacy").server_log[0].message
    assert "serializes data directly to JSON bytes via Pydantic" in warning
    assert "which is faster" in warning


@fact("response-classes/default-class-turns-off-fast-path", needs=("default-class-nan",))
def _(ex, run):
    assert b'"value":1e-07' in ex.body  # json.dumps spelling
    nan = run.first("default-class-nan")
    assert nan.response.status == 500


@fact("response-classes/html-response-class")
def _(ex, run):
    assert head(ex, "content-type") == "text/html; charset=utf-8"
    assert ex.body == b"<h1>Orders</h1><p>3 open</p>"


@fact("response-classes/str-without-response-class")
def _(ex, run):
    assert head(ex, "content-type") == "application/json"
    assert ex.body == b'"<h1>Orders</h1><p>3 open</p>"'


@fact("response-classes/maintenance-page")
def _(ex, run):
    assert ex.response.status == 503
    assert head(ex, "retry-after") == "120"
    assert head(ex, "content-type") == "text/html; charset=utf-8"


@fact("response-classes/template-autoescape")
def _(ex, run):
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in ex.body
    assert b"<script>" not in ex.body


@fact("response-classes/plain-text-probe")
def _(ex, run):
    assert ex.body == b"ok"
    assert head(ex, "content-type") == "text/plain; charset=utf-8"


@fact("response-classes/latin1-subclass")
def _(ex, run):
    assert head(ex, "content-type") == "text/plain; charset=latin-1"
    assert head(ex, "content-length") == "14"
    assert ex.body == "Grüße aus Köln".encode("latin-1")


@fact("response-classes/charset-only-for-text", needs=("json", "xml", "html"))
def _(ex, run):
    assert head(ex, "content-type") == "text/markdown; charset=utf-8"
    assert head(run.first("html"), "content-type") == "text/html; charset=utf-8"
    assert head(run.first("json"), "content-type") == "application/json"
    assert head(run.first("xml"), "content-type") == "application/xml"


@fact("response-classes/content-length-counts-bytes")
def _(ex, run):
    assert ex.body.decode() == "café"
    assert head(ex, "content-length") == "5"


@fact("response-classes/custom-media-type")
def _(ex, run):
    assert head(ex, "content-type") == "application/xml"


@fact("response-classes/override-render")
def _(ex, run):
    assert head(ex, "content-type") == "application/json"
    assert ex.body.startswith(b'{\n  "class"')
    assert body(ex) == {"class": "PrettyJSONResponse", "tags": ["render", "indent"]}


# -- streaming ---------------------------------------------------------------------------------
@fact("streaming/stream-llm-tokens")
def _(ex, run):
    assert len(ex.chunks) == 7  # one chunk per token
    # Paced by the generator's sleep(0.15): a buffered answer would arrive all at once.
    assert ex.chunks[-1].t - ex.chunks[0].t > 0.6


@fact("streaming/chunked-without-length")
def _(ex, run):
    assert head(ex, "transfer-encoding") == "chunked"
    assert head(ex, "content-length") is None
    assert len(ex.chunks) > 1


@fact("streaming/sync-generator-thread")
def _(ex, run):
    assert ex.response.status == 200 and len(ex.chunks) > 1
    from starlette.responses import StreamingResponse

    def rows():
        yield "a"

    response = StreamingResponse(rows())
    assert response.body_iterator.__name__ == "iterate_in_threadpool"


@fact("streaming/sse-current-way")
def _(ex, run):
    assert head(ex, "content-type") == "text/event-stream; charset=utf-8"
    events = parse_sse(ex.body)
    assert events[0].event == "start"
    assert [e.data for e in events[1:4]] == [
        '{"step":1,"done":false}',
        '{"step":2,"done":false}',
        '{"step":3,"done":true}',
    ]


@fact("streaming/sse-anti-buffering-headers", needs=("sse-legacy",))
def _(ex, run):
    assert head(ex, "cache-control") == "no-cache"
    assert head(ex, "x-accel-buffering") == "no"
    legacy = run.first("sse-legacy")
    assert head(legacy, "cache-control") is None
    assert head(legacy, "x-accel-buffering") is None
    for e in (ex, legacy):
        assert head(e, "content-length") is None and head(e, "connection") is None
        assert head(e, "content-encoding") is None


@fact("streaming/sse-model-becomes-data")
def _(ex, run):
    assert b'\n\ndata: {"step":1,"done":false}\n\n' in ex.body


@fact("streaming/legacy-sse-still-works")
def _(ex, run):
    assert [e.data for e in parse_sse(ex.body)] == ["tick 0", "tick 1", "tick 2"]
    assert head(ex, "cache-control") is None


@fact("streaming/jsonl-from-yield")
def _(ex, run):
    assert head(ex, "content-type") == "application/jsonl"
    assert parse_jsonl(ex.body) == [
        {"step": 1, "done": False},
        {"step": 2, "done": False},
        {"step": 3, "done": True},
    ]
    assert len(ex.chunks) == 3
    assert ex.chunks[2].t - ex.chunks[0].t > 0.15
    # The explanation's condition: the untouched default response class. (No annotation
    # here: this module's annotations are strings; a yielding route streams JSON Lines
    # without one too.)
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    from tests.demos._live import fetch

    async def p():
        yield 1

    default, changed = FastAPI(), FastAPI(default_response_class=JSONResponse)
    default.get("/p")(p)
    changed.get("/p")(p)
    plain = fetch(default, "GET", "/p")
    assert (plain.status_code, plain.content) == (200, b"1\n")
    assert plain.headers["content-type"] == "application/jsonl"
    assert fetch(changed, "GET", "/p").status_code == 500


@fact("streaming/sse-data-is-json-encoded")
def _(ex, run):
    assert ex.body.startswith(b'data: "hello"\n\ndata: hello\n\n')
    assert b"data: first line\ndata: second line\n\n" in ex.body  # raw_data with a break


@fact("streaming/sse-any-method")
def _(ex, run):
    assert ex.request.method == "POST" and ex.request.body
    assert ex.response.status == 200
    assert head(ex, "content-type") == "text/event-stream; charset=utf-8"
    assert [e.event for e in parse_sse(ex.body)][-1] == "done"


@fact("streaming/sse-keep-alive-pings")
def _(ex, run):
    events = parse_sse(ex.body)
    assert events[0].event == "subscribed"
    assert len(events) >= 3 and all(e.comments == ["ping"] for e in events[1:])
    import fastapi.routing

    assert fastapi.routing._PING_INTERVAL == 15  # the default the explanation quotes


@fact("streaming/jsonl-items-validated")
def _(ex, run):
    assert parse_jsonl(ex.body) == [
        {"id": 1, "name": "ada"},
        {"id": 2, "name": "grace"},
        {"id": 3, "name": "linus"},
    ]
    assert b"password_hash" not in ex.body


@fact("streaming/jsonl-invalid-item-mid-stream")
def _(ex, run):
    assert ex.response.status == 200
    assert parse_jsonl(ex.body) == [{"id": 1, "name": "ada"}, {"id": 2, "name": "grace"}]
    assert ex.error and "incomplete chunked read" in ex.error
    assert any("ResponseValidationError" in e.message for e in ex.server_log)


@fact("streaming/gzip-skips-event-streams", needs=("stream",))
def _(ex, run):
    assert ex.request.headers and ("accept-encoding", "gzip") in ex.request.headers
    assert head(ex, "content-type") == "text/event-stream; charset=utf-8"
    assert head(ex, "content-encoding") is None
    assert ex.body_size > 500  # large enough to be compressed otherwise
    stream = run.first("stream")
    assert head(stream, "content-encoding") == "gzip"
    assert len(stream.chunks) > 2  # compressed chunk by chunk, not buffered


# -- status-codes ------------------------------------------------------------------------------
@fact("status-codes/set-201")
def _(ex, run):
    assert ex.response.status == 201
    app = catalog.load_app(run.demo)
    assert "201" in app.openapi()["paths"]["/items"]["post"]["responses"]


@fact("status-codes/204-drops-returned-dict")
def _(ex, run):
    assert ex.response.status == 204
    assert ex.body == b""
    assert head(ex, "content-type") == "application/json"
    assert head(ex, "content-length") is None
    # With a return annotation the same route is refused at start-up.
    from fastapi import FastAPI

    app = FastAPI()
    with pytest.raises(AssertionError, match="204 must not have a response body"):

        @app.delete("/items/{item_id}", status_code=204)
        def delete_item(item_id: int) -> dict:
            return {}


@fact("status-codes/bare-response-204")
def _(ex, run):
    assert ex.response.status == 204
    assert names(ex) == []


@fact("status-codes/not-modified-304")
def _(ex, run):
    assert ex.response.status == 304
    assert names(ex) == ["etag", "cache-control"]
    assert ex.body == b""


@fact("status-codes/stale-etag-200")
def _(ex, run):
    assert ex.request.headers and ("if-none-match", '"v2"') in ex.request.headers
    assert ex.response.status == 200
    assert head(ex, "etag") == '"v3"'
    assert body(ex) == {"title": "Status codes", "version": 3}


# -- headers-cookies ---------------------------------------------------------------------------
@fact("headers-cookies/injected-response")
def _(ex, run):
    assert ex.response.status == 202
    assert head(ex, "location") == "/jobs/7"
    assert body(ex) == {"id": 7, "state": "queued"}


@fact("headers-cookies/two-cookies-two-headers")
def _(ex, run):
    cookies = [v for k, v in ex.response.headers if k.lower() == "set-cookie"]
    assert len(cookies) == 2
    assert cookies[0].startswith("session=") and cookies[1].startswith("theme=")


@fact("headers-cookies/set-cookie-defaults")
def _(ex, run):
    cookies = [v for k, v in ex.response.headers if k.lower() == "set-cookie"]
    assert "theme=dark; Path=/; SameSite=lax" in cookies


@fact("headers-cookies/delete-cookie-own-defaults")
def _(ex, run):
    cookies = [v for k, v in ex.response.headers if k.lower() == "set-cookie"]
    session = next(c for c in cookies if c.startswith("session="))
    parts = [p.strip() for p in session.split(";")]
    assert parts[0] == 'session=""'
    assert "Max-Age=0" in parts and "SameSite=lax" in parts
    assert any(p.startswith("expires=") for p in parts)


@fact("headers-cookies/header-lost-on-raise")
def _(ex, run):
    assert ex.response.status == 404
    assert head(ex, "x-trace-id") is None


@fact("headers-cookies/header-kept-on-raise")
def _(ex, run):
    assert ex.response.status == 404
    assert head(ex, "x-trace-id") == "t-123"


@fact("headers-cookies/cookie-lost-on-return")
def _(ex, run):
    assert head(ex, "x-trace-id") == "t-123"
    assert head(ex, "set-cookie") is None


@fact("headers-cookies/headers-lost-in-stream")
def _(ex, run):
    assert ex.response.status == 200
    assert head(ex, "x-format") == "jsonl"
    assert head(ex, "x-started") is None and head(ex, "x-rows") is None


# -- redirects ---------------------------------------------------------------------------------
@fact("redirects/redirect-default-307")
def _(ex, run):
    assert ex.response.status == 307
    assert head(ex, "location") == "/landing"


@fact("redirects/redirect-head")
def _(ex, run):
    assert ex.response.status == 307
    assert names(ex) == ["content-length", "location"]
    assert head(ex, "content-length") == "0" and head(ex, "location") == "/text"


@fact("redirects/post-redirect-get-303")
def _(ex, run):
    assert ex.response.status == 303
    hop = run.by_example("see-other-303")[1]
    assert hop.request.method == "GET" and hop.request.body == b""
    assert hop.response.status == 200


@fact("redirects/307-repeats-post")
def _(ex, run):
    assert ex.response.status == 307
    hop = run.by_example("keep-post-307")[1]
    assert hop.request.method == "POST"
    assert body(hop) == {"method": "POST", "body": '{"name":"report.csv"}'}


@fact("redirects/302-after-post")
def _(ex, run):
    assert ex.request.method == "POST" and ex.response.status == 302
    hop = run.by_example("found-302")[1]
    assert body(hop) == {"method": "GET", "body": ""}


@fact("redirects/moved-api-keeps-post-308")
def _(ex, run):
    assert ex.response.status == 308
    hop = run.by_example("permanent-308")[1]
    assert body(hop) == {"method": "POST", "body": '{"name":"lamp"}'}


@fact("redirects/redirect-as-response-class")
def _(ex, run):
    assert ex.response.status == 301
    assert head(ex, "location") == "/v2/docs"


# -- files -------------------------------------------------------------------------------------
def _notes_file(run: DemoRun):
    return run.demo.path.parent / "_data" / "files" / "notes.txt"


@fact("files/filename-means-download", needs=("renamed",))
def _(ex, run):
    assert head(ex, "content-disposition") == 'attachment; filename="report.txt"'
    assert head(ex, "content-type") == "text/plain; charset=utf-8"
    # The type comes from filename=, not from the path: notes.txt sent as notes.csv is CSV.
    renamed = run.first("renamed")
    assert head(renamed, "content-type") == "text/csv; charset=utf-8"
    from starlette.responses import FileResponse

    pdf = FileResponse(_notes_file(run), filename="report.pdf")
    assert pdf.media_type == "application/pdf"


@fact("files/range-206")
def _(ex, run):
    size = _notes_file(run).stat().st_size
    assert ex.response.status == 206
    assert head(ex, "content-range") == f"bytes 0-25/{size}"
    assert len(ex.body) == 26 and head(ex, "content-length") == "26"


@fact("files/range-past-end-416")
def _(ex, run):
    size = _notes_file(run).stat().st_size
    assert size == 96  # the question quotes this size
    assert ex.response.status == 416
    assert head(ex, "content-range") == f"bytes */{size}"
    assert ex.body == b""


@fact("files/multi-range")
def _(ex, run):
    assert ex.response.status == 206
    assert ex.response.media_type == "multipart/byteranges"
    assert "boundary=" in head(ex, "content-type")
    assert head(ex, "content-range") is None


@fact("files/etag-from-stat")
def _(ex, run):
    st = _notes_file(run).stat()
    expected = hashlib.md5(f"{st.st_mtime}-{st.st_size}".encode(), usedforsecurity=False)
    assert head(ex, "etag") == f'"{expected.hexdigest()}"'
    assert head(ex, "etag") != f'"{hashlib.md5(ex.body).hexdigest()}"'


@fact("files/media-type-from-extension")
def _(ex, run):
    assert head(ex, "content-type") == "image/png"
    assert head(ex, "content-disposition") is None


@fact("files/path-traversal")
def _(ex, run):
    assert ex.response.status == 404
    assert "'../../files.py'" in body(ex)["detail"]


# -- background-tasks --------------------------------------------------------------------------
@fact("background-tasks/response-before-tasks")
def _(ex, run):
    assert ex.response.status == 202
    # The whole response was received before the task finished (it sleeps 0.25 s).
    assert ex.t_end < log_time(ex, "send_welcome finished")


@fact("background-tasks/tasks-run-in-order")
def _(ex, run):
    assert log_time(ex, "send_welcome finished") <= log_time(ex, "update_stats started")
    from starlette.background import BackgroundTask

    assert "run_in_threadpool" in inspect.getsource(BackgroundTask.__call__)


@fact("background-tasks/failing-task")
def _(ex, run):
    assert ex.response.status == 200
    assert logged(ex, "charge_card started")
    assert not logged(ex, "send_receipt")
    assert any(e.level == "ERROR" and "card declined" in e.message for e in ex.server_log)


@fact("background-tasks/own-background-drops-injected")
def _(ex, run):
    assert logged(ex, "delete_temp_file ran")
    assert not logged(ex, "write_audit")


@fact("background-tasks/dependency-shares-tasks")
def _(ex, run):
    assert log_time(ex, "record_access ran") <= log_time(ex, "warm_cache ran")
    order = [e.message.split()[0] for e in ex.server_log if " ran at " in e.message]
    assert order == ["record_access", "warm_cache"]


# -- errors ------------------------------------------------------------------------------------
@fact("errors/http-exception-shape")
def _(ex, run):
    assert ex.response.status == 401
    assert body(ex) == {"detail": "Not authenticated"}
    assert head(ex, "www-authenticate") == 'Bearer realm="demo"'


@fact("errors/unknown-path-404")
def _(ex, run):
    assert ex.response.status == 404
    assert body(ex) == {"detail": "Not Found"}


@fact("errors/validation-422")
def _(ex, run):
    assert ex.response.status == 422
    problems = body(ex)["detail"]
    assert [p["loc"] for p in problems] == [["body", "sku"], ["body", "quantity"]]
    assert all({"type", "loc", "msg", "input"} <= set(p) for p in problems)


@fact("errors/response-validation-500")
def _(ex, run):
    assert ex.response.status == 500
    assert head(ex, "content-type") == "text/plain; charset=utf-8"
    assert ex.body == b"Internal Server Error"
    assert any("ResponseValidationError" in e.message for e in ex.server_log)


@fact("errors/handle-response-validation")
def _(ex, run):
    assert ex.response.status == 500
    assert ex.response.media_type == "application/json"
    assert body(ex)["problems"][0]["loc"] == ["response", "total"]
    assert ex.server_log == []


@fact("errors/custom-exception-handler")
def _(ex, run):
    assert ex.response.status == 409
    assert head(ex, "retry-after") == "172800"
    assert body(ex) == {"error": "out_of_stock", "sku": "ABC-9", "back_in_days": 2}


@fact("errors/405-allow-first-route")
def _(ex, run):
    assert ex.response.status == 405
    assert head(ex, "allow") == "GET"
    app = catalog.load_app(run.demo)
    methods = {
        m for r in app.routes if getattr(r, "path", "") == "/orders/{order_id}" for m in r.methods
    }
    assert {"GET", "PUT"} <= methods


# -- http-methods ------------------------------------------------------------------------------
@fact("http-methods/head-on-get-route")
def _(ex, run):
    assert ex.request.method == "HEAD"
    assert ex.response.status == 405
    assert head(ex, "allow") == "GET"
    from starlette.routing import Route

    assert Route("/", endpoint=lambda request: None, methods=["GET"]).methods == {"GET", "HEAD"}


@fact("http-methods/answer-head")
def _(ex, run):
    assert ex.response.status == 200
    assert head(ex, "content-type") == "application/json"
    assert head(ex, "content-length") == str(len(b'{"status":"ok"}'))
    assert ex.body == b""


@fact("http-methods/head-never-has-body", needs=("cross-origin-get",))
def _(ex, run):
    # The length is the 405 error's, the body that was built and not sent ...
    assert ex.response.status == 405
    assert head(ex, "content-length") == "31" == str(len(b'{"detail":"Method Not Allowed"}'))
    assert ex.body == b""
    # ... not the article's: a GET of the same path gets a 200 with 28 bytes.
    get = run.first("cross-origin-get")
    assert get.request.method == "GET" and get.response.status == 200
    assert head(get, "content-length") == str(len(get.body)) == "28"


@fact("http-methods/plain-options-405")
def _(ex, run):
    assert ex.request.method == "OPTIONS"
    assert ex.response.status == 405
    assert head(ex, "allow") == "GET"


# -- cors --------------------------------------------------------------------------------------
@fact("cors/preflight-answered-by-middleware")
def _(ex, run):
    assert ex.response.status == 200
    assert ex.body == b"OK"
    assert head(ex, "access-control-allow-origin") == "https://app.example"
    assert head(ex, "access-control-allow-methods") == "GET, PUT"


@fact("cors/preflight-refused")
def _(ex, run):
    assert ex.response.status == 400
    assert ex.body == b"Disallowed CORS origin"
    assert head(ex, "access-control-allow-origin") is None
    assert head(ex, "access-control-allow-methods") is not None


@fact("cors/simple-cross-origin-get")
def _(ex, run):
    assert ex.response.status == 200
    assert head(ex, "access-control-allow-origin") == "https://app.example"
    assert head(ex, "vary") == "Origin"


@fact("cors/allow-headers-safelisted")
def _(ex, run):
    expected = "Accept, Accept-Language, Content-Language, Content-Type, x-token"
    assert head(ex, "access-control-allow-headers") == expected
    # A sorted union, not "safelisted first": x-token is last because lower case sorts last.
    listed = expected.split(", ")
    assert listed == sorted(listed) and sorted(["x-token", "Authorization"])[0] == "Authorization"


# -- additional-responses ----------------------------------------------------------------------
def _document(run: DemoRun) -> dict:
    return catalog.load_app(run.demo).openapi()


@fact("additional-responses/responses-only-document")
def _(ex, run):
    assert ex.response.status == 200 and body(ex) == {"id": 1, "name": "Lamp"}
    responses = _document(run)["paths"]["/items/{item_id}"]["get"]["responses"]
    assert {"404", "409"} <= set(responses)  # documented, and nothing else changed
    from tests.demos.test_additional_responses import test_responses_changes_nothing_on_the_wire

    test_responses_changes_nothing_on_the_wire()


@fact("additional-responses/returned-404-not-checked")
def _(ex, run):
    assert ex.response.status == 404
    assert ex.body == b'{"message":"no item 99"}'


@fact("additional-responses/second-media-type")
def _(ex, run):
    content = body(ex)["paths"]["/items/{item_id}/image"]["get"]["responses"]["200"]["content"]
    assert sorted(content) == ["application/json", "image/png"]


@fact("additional-responses/response-class-documents")
def _(ex, run):
    assert head(ex, "content-type") == "text/html; charset=utf-8"
    page = _document(run)["paths"]["/items/{item_id}/page"]["get"]["responses"]["200"]
    assert list(page["content"]) == ["text/html"]
    # Without response_class the same handler is documented as JSON, and sends the same bytes.
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    from tests.demos._live import fetch

    app = FastAPI()

    @app.get("/p")
    def p():  # no annotation: this module's annotations are strings (__future__)
        return HTMLResponse("<h1>Item 1</h1>")

    assert fetch(app, "GET", "/p").content == ex.body
    assert list(app.openapi()["paths"]["/p"]["get"]["responses"]["200"]["content"]) == [
        "application/json"
    ]


@fact("additional-responses/union-with-response-fails")
def _(ex, run):
    from tests.demos.test_additional_responses import (
        test_a_union_with_a_response_class_stops_the_app_at_startup,
    )

    test_a_union_with_a_response_class_stops_the_app_at_startup()
    assert body(ex) == {"see": "/docs"}  # with response_model=None it starts and answers


@fact("additional-responses/response-model-none")
def _(ex, run):
    assert ex.response.status == 307 and head(ex, "location") == "/elsewhere"
    go = _document(run)["paths"]["/go"]["get"]["responses"]["200"]["content"]
    assert go == {"application/json": {"schema": {}}}


# -- serialization -----------------------------------------------------------------------------
@fact("serialization/field-exclude")
def _(ex, run):
    assert body(ex) == {"id": 1, "owner": "ada"}
    props = _document(run)["components"]["schemas"]["Account"]["properties"]
    assert "risk_score" not in props


@fact("serialization/serialization-alias")
def _(ex, run):
    assert set(body(ex)) == {"displayName", "joinedAt"}


@fact("serialization/by-alias-false")
def _(ex, run):
    assert set(body(ex)) == {"display_name", "joined_at"}


@fact("serialization/computed-field-sent")
def _(ex, run):
    assert body(ex)["total"] == 7.5 and b'"total":7.5' in ex.body
    props = _document(run)["components"]["schemas"]["Line"]["properties"]
    assert props["total"]["readOnly"] is True


@fact("serialization/field-serializer")
def _(ex, run):
    shipped = body(ex)["shipped_at"]
    assert isinstance(shipped, int) and shipped == 1714564800
    props = _document(run)["components"]["schemas"]["Line"]["properties"]
    assert props["shipped_at"]["type"] == "integer"


@fact("serialization/inf-nan-default")
def _(ex, run):
    assert ex.body == b'{"maximum":null,"average":null}'


@fact("serialization/inf-nan-strings")
def _(ex, run):
    assert ex.body == b'{"maximum":"Infinity","average":"NaN"}'
    from tests.demos.test_serialization import test_ser_json_inf_nan_options_on_the_wire

    test_ser_json_inf_nan_options_on_the_wire("constants", b'{"x":Infinity}')


@fact("serialization/union-any-of")
def _(ex, run):
    assert body(ex) == {"kind": "dog", "good": True}
    ok = _document(run)["paths"]["/pets/{pet_id}"]["get"]["responses"]["200"]
    schema = ok["content"]["application/json"]["schema"]
    assert [s["$ref"].rsplit("/", 1)[1] for s in schema["anyOf"]] == ["Cat", "Dog"]
    assert "oneOf" not in schema and "discriminator" not in schema


@fact("serialization/user-in-out-db")
def _(ex, run):
    assert ex.response.status == 201
    assert body(ex) == {"username": "ada", "email": "ada@example.com"}


# -- middleware --------------------------------------------------------------------------------
@fact("middleware/call-next-header", needs=("cors-hidden",))
def _(ex, run):
    assert float(head(ex, "x-process-time")) >= 0.1
    assert head(run.first("cors-hidden"), "x-process-time") is not None  # a mounted app too


@fact("middleware/stream-time")
def _(ex, run):
    assert float(head(ex, "x-process-time")) < 0.05
    assert ex.chunks[-1].t > 0.25


@fact("middleware/expose-headers", needs=("cors-exposed",))
def _(ex, run):
    # The wire side of the browser rule: the header is sent, but not listed as exposed.
    assert head(ex, "x-process-time") is not None
    assert head(ex, "access-control-allow-origin") == "https://app.example"
    assert head(ex, "access-control-expose-headers") is None
    assert head(run.first("cors-exposed"), "access-control-expose-headers") == "x-process-time"


@fact("middleware/credentials-wildcard")
def _(ex, run):
    assert head(ex, "access-control-allow-origin") == "https://evil.example"
    assert head(ex, "access-control-allow-credentials") == "true"
    assert head(ex, "vary") == "Origin"


@fact("middleware/wildcard-no-credentials")
def _(ex, run):
    assert head(ex, "access-control-allow-origin") == "*"
    assert head(ex, "access-control-allow-credentials") is None


@fact("middleware/expose-headers-on-the-wire", needs=("cors-hidden",))
def _(ex, run):
    hidden = run.first("cors-hidden")
    extra = set(names(ex)) - set(names(hidden))
    assert extra == {"access-control-expose-headers"}
    assert head(ex, "access-control-expose-headers") == "x-process-time"
    assert head(hidden, "x-process-time") is not None  # sent either way
    assert head(ex, "access-control-allow-headers") is None


# -- conditional-requests ----------------------------------------------------------------------
def _guide(run: DemoRun):
    return run.demo.path.parent / "_data" / "conditional_requests" / "guide.txt"


@fact("conditional-requests/static-files-304")
def _(ex, run):
    assert ex.response.status == 304 and ex.body == b""


@fact("conditional-requests/file-response-ignores")
def _(ex, run):
    assert ex.response.status == 200
    assert ex.body == _guide(run).read_bytes()


@fact("conditional-requests/etag-from-stat")
def _(ex, run):
    import os

    st = os.stat(_guide(run))
    digest = hashlib.md5(f"{st.st_mtime}-{st.st_size}".encode(), usedforsecurity=False)
    assert head(ex, "etag") == f'"{digest.hexdigest()}"'
    content = hashlib.md5(_guide(run).read_bytes(), usedforsecurity=False).hexdigest()
    assert content not in head(ex, "etag")


@fact("conditional-requests/not-modified-head")
def _(ex, run):
    assert ex.response.status == 304
    assert names(ex) == ["etag"]


@fact("conditional-requests/if-modified-since-future")
def _(ex, run):
    assert ex.response.status == 304 and ex.body == b""


@fact("conditional-requests/if-none-match-first")
def _(ex, run):
    assert ex.response.status == 200 and ex.body == _guide(run).read_bytes()


@fact("conditional-requests/if-range-stale", needs=("if-range-match",))
def _(ex, run):
    assert ex.response.status == 200 and ex.body == _guide(run).read_bytes()
    match = run.first("if-range-match")
    assert match.response.status == 206 and match.body == _guide(run).read_bytes()[:12]


# -- disconnects -------------------------------------------------------------------------------
@fact("disconnects/stream-cancelled")
def _(ex, run):
    assert ex.stopped == "stopped after 24 bytes"
    # Cancelled in the sleep after the third line: the fourth was never produced.
    first = ex.server_log[0].message
    assert first == "ticks: cancelled while waiting after tick 2"
    assert ex.chunks[-1].t < log_time(ex, "cancelled") < 1.0


@fact("disconnects/finally-runs", needs=("hang-up",))
def _(ex, run):
    assert logged(ex, "finally block ran") and logged(ex, "finished after 3")
    hang_up = run.first("hang-up")
    assert logged(hang_up, "finally block ran") and logged(hang_up, "cancelled")


@fact("disconnects/is-disconnected")
def _(ex, run):
    assert body(ex) == {"steps": 10}
    from tests.demos.test_disconnects import test_report_stops_early_when_the_client_gives_up

    test_report_stops_early_when_the_client_gives_up()


@fact("disconnects/dependency-exit-normal")
def _(ex, run):
    assert [e.message for e in ex.server_log][-1] == "session closed"
    from tests.demos.test_disconnects import (
        test_exit_code_runs_after_the_client_has_the_whole_response,
    )

    test_exit_code_runs_after_the_client_has_the_whole_response()


@fact("disconnects/dependency-exit-stream")
def _(ex, run):
    assert all(row["session_open"] for row in parse_jsonl(ex.body))
    assert [e.message for e in ex.server_log][-1] == "session closed"


@fact("disconnects/dependency-scope-function")
def _(ex, run):
    assert not any(row["session_open"] for row in parse_jsonl(ex.body))
    assert log_time(ex, "session closed") < ex.chunks[0].t


# -- exception-handlers ------------------------------------------------------------------------
@fact("exception-handlers/validation-own-shape")
def _(ex, run):
    assert ex.response.status == 400
    assert body(ex) == {"error": "invalid request", "fields": ["body.sku", "body.quantity"]}


@fact("exception-handlers/reuse-default-handler")
def _(ex, run):
    assert ex.response.status == 422
    assert [e["type"] for e in body(ex)["detail"]] == ["string_too_short", "greater_than"]


@fact("exception-handlers/dict-detail")
def _(ex, run):
    assert ex.body == b'{"detail":{"code":"too_large","max_rows":10000}}'


@fact("exception-handlers/exception-headers")
def _(ex, run):
    assert ex.response.status == 429 and head(ex, "retry-after") == "30"
    assert body(ex) == {"detail": "Too many requests"}


@fact("exception-handlers/router-404-is-starlette")
def _(ex, run):
    assert ex.response.status == 404 and head(ex, "x-error-logged") is None
    assert ex.server_log == []


@fact("exception-handlers/register-for-starlette")
def _(ex, run):
    assert head(ex, "x-error-logged") == "yes"
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from tests.demos.test_exception_handlers import test_which_registration_sees_which_http_error

    for registered, *seen in [
        (StarletteHTTPException, True, True, True),
        (404, True, True, False),
        (Exception, False, False, False),
    ]:
        test_which_registration_sees_which_http_error(registered, *seen)


@fact("exception-handlers/own-exception-class")
def _(ex, run):
    assert ex.response.status == 402
    assert body(ex) == {"error": "payment_required", "item": "report.pdf", "price": 4.5}


# -- additions to existing topics --------------------------------------------------------------
@fact("status-codes/reset-content-205", needs=("reset-content-response",))
def _(ex, run):
    assert ex.response.status == 205 and head(ex, "content-length") == "14"
    assert ex.body == b"" and "received 0 bytes, expected 14" in (ex.error or "")
    assert logged(ex, "Too little data for declared Content-Length")
    fixed = run.first("reset-content-response")
    assert head(fixed, "content-length") == "0" and fixed.error is None


@fact("redirects/trailing-slash-307")
def _(ex, run):
    assert ex.hop == 0 and ex.response.status == 307
    assert head(ex, "location") == ex.request.url.split("/landing/")[0] + "/landing?from=menu"
    from fastapi import FastAPI

    from tests.demos._live import fetch

    off = FastAPI(redirect_slashes=False)
    off.get("/landing")(lambda: {})
    assert fetch(off, "GET", "/landing/").status_code == 404


@fact("headers-cookies/samesite-none-secure")
def _(ex, run):
    cookie = "embed_session=e-456; Domain=example.com; HttpOnly; Path=/widgets; SameSite=none"
    assert head(ex, "set-cookie") == cookie + "; Secure"


@fact("streaming/yield-with-streaming-response")
def _(ex, run):
    assert head(ex, "content-type") is None
    assert ex.body == b"line 0\nline 1\nline 2\n"


# -- the machinery -----------------------------------------------------------------------------
FACT_KEYS = sorted(k for k, (_, q) in QUESTIONS.items() if q.claim == "fact")


@pytest.fixture(scope="module")
def runs(recorded):
    """One real run per demo, every example, shared with the demo tests (tests/conftest.py)."""
    return recorded


@pytest.mark.parametrize("key", FACT_KEYS)
def test_fact(key, runs):
    if key not in FACTS:
        pytest.fail(
            f"{key} is a fact question with no assertion: add one to FACTS in "
            'tests/quiz/test_facts.py, or mark it claim = "advice" if it is design advice'
        )
    _, q = QUESTIONS[key]
    run = runs(q.demo)
    ex = run.first(q.example)
    assert ex.response is not None, ex.error  # errors mid-body are for the checks to judge
    FACTS[key].check(ex, run)


def test_every_assertion_belongs_to_a_fact_question():
    stale = sorted(k for k in FACTS if k not in QUESTIONS)
    assert not stale, f"assertions for questions that do not exist: {stale}"
    advice = sorted(k for k in FACTS if QUESTIONS[k][1].claim != "fact")
    assert not advice, f"these are marked advice but have fact assertions: {advice}"


def test_fact_table_covers_enough_questions():
    # Most questions are facts; a content change that marks them all "advice" should be seen.
    assert len(FACT_KEYS) >= 50


def test_every_demo_topic_and_related_quiz_is_a_real_quiz_topic():
    topics = set(QUIZZES)
    for demo in catalog.demos().values():
        assert demo.meta.topic in topics, f"{demo.name}: topic {demo.meta.topic!r}"
        assert set(demo.meta.quizzes) <= topics, f"{demo.name}: {demo.meta.quizzes}"
        assert demo.meta.topic in demo.meta.quizzes, demo.name
