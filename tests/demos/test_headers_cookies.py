"""Wire facts of every example of the headers-cookies demo."""

import json
from email.utils import parsedate_to_datetime

import pytest

from fastapi_responses_cli.streams import parse_jsonl


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("headers-cookies")


def all_headers(ex, name):
    return [v for k, v in ex.response.headers if k.lower() == name]


def names(ex):
    return [k.lower() for k, _ in ex.response.headers]


def test_injected_status_and_headers_follow_computed_ones(run):
    ex = run.first("injected")
    r = ex.response
    assert r.status == 202
    assert r.header("location") == "/jobs/7"
    assert r.header("retry-after") == "5"
    assert json.loads(ex.body) == {"id": 7, "state": "queued"}
    order = names(ex)
    assert order.index("content-length") < order.index("content-type") < order.index("location")
    assert order.index("location") < order.index("retry-after")


def test_set_cookie_exact_headers(run):
    ex = run.first("set-cookie")
    assert ex.response.status == 200
    assert all_headers(ex, "set-cookie") == [
        "session=s3cr3t; HttpOnly; Max-Age=3600; Path=/; SameSite=strict",
        "theme=dark; Path=/; SameSite=lax",
    ]
    assert "expires" not in all_headers(ex, "set-cookie")[0].lower()


def test_delete_cookie_exact_headers(run):
    ex = run.first("delete-cookie")
    cookies = all_headers(ex, "set-cookie")
    assert len(cookies) == 2
    sent_at = parsedate_to_datetime(ex.response.header("date"))
    for cookie, name in zip(cookies, ["session", "theme"], strict=True):
        parts = cookie.split("; ")
        assert parts[0] == f'{name}=""'
        assert parts[1].startswith("expires=")
        assert parts[2:] == ["Max-Age=0", "Path=/", "SameSite=lax"]
        expires = parsedate_to_datetime(parts[1].removeprefix("expires="))
        # "this very second": uvicorn refreshes its date header about once a second, and both
        # are truncated to whole seconds, so allow two seconds between them.
        assert 0 <= (expires - sent_at).total_seconds() <= 2


def test_headers_on_injected_response_are_lost_when_raising(run):
    ex = run.first("lost-on-raise")
    assert ex.response.status == 404
    assert ex.response.header("x-trace-id") is None
    assert json.loads(ex.body) == {"detail": "Order not found"}


def test_httpexception_headers_arrive(run):
    ex = run.first("raise-with-headers")
    assert ex.response.status == 404
    assert ex.response.header("x-trace-id") == "t-123"
    assert json.loads(ex.body) == {"detail": "Order not found"}


def test_returned_response_ignores_the_injected_one(run):
    ex = run.first("lost-on-return")
    assert ex.response.status == 200
    assert ex.response.header("set-cookie") is None
    assert ex.response.header("x-trace-id") == "t-123"
    assert json.loads(ex.body) == {"ok": True}


def test_headers_and_status_set_in_a_stream_are_dropped(run):
    ex = run.first("lost-in-stream")
    r = ex.response
    assert r.status == 200  # the 201 set in the generator never made it
    assert r.media_type == "application/jsonl"
    assert r.header("x-format") == "jsonl"  # set by the dependency, before the head
    assert r.header("x-started") is None
    assert r.header("x-rows") is None
    assert parse_jsonl(ex.body) == [{"n": 0}, {"n": 1}, {"n": 2}]  # and the body ran to the end
    assert ex.error is None


def test_cookie_options_for_a_cross_site_embed(run):
    ex = run.first("cookie-options")
    assert ex.response.status == 200
    assert all_headers(ex, "set-cookie") == [
        "embed_session=e-456; Domain=example.com; HttpOnly; Path=/widgets; SameSite=none; Secure"
    ]
    assert json.loads(ex.body) == {"embedded": True}


@pytest.mark.parametrize(
    ("options", "attributes"),
    [
        ({"secure": True, "samesite": "none"}, "Path=/; SameSite=none; Secure"),
        ({"samesite": "strict", "httponly": True}, "HttpOnly; Path=/; SameSite=strict"),
        ({"path": "/w", "domain": "example.com"}, "Domain=example.com; Path=/w; SameSite=lax"),
        ({"max_age": 60, "secure": True}, "Max-Age=60; Path=/; SameSite=lax; Secure"),
    ],
)
def test_cookie_attributes_come_sorted_by_name_not_by_argument_order(options, attributes):
    from fastapi import FastAPI, Response

    from tests.demos._live import fetch

    app = FastAPI()

    @app.get("/c")
    def c(response: Response) -> dict:
        response.set_cookie("k", "v", **options)
        return {}

    assert fetch(app, "GET", "/c").headers["set-cookie"] == f"k=v; {attributes}"
