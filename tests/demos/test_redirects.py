"""Wire facts of every example of the redirects demo: each hop, its method and its body."""

import json

import pytest


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("redirects")


def hops(run, name):
    found = run.by_example(name)
    assert [h.hop for h in found] == list(range(len(found)))
    return found


def path_of(exchange):
    return "/" + exchange.request.url.split("/", 3)[3]


def assert_redirect(ex, status, location):
    r = ex.response
    assert r.status == status
    assert r.header("location") == location
    assert r.header("content-length") == "0"
    assert r.header("content-type") is None
    assert ex.body == b""


def test_default_is_307_then_a_new_request(run):
    first, second = hops(run, "default-307")
    assert (first.request.method, path_of(first)) == ("GET", "/start")
    assert_redirect(first, 307, "/landing")
    assert (second.request.method, path_of(second)) == ("GET", "/landing")
    assert second.response.status == 200
    assert json.loads(second.body) == {"page": "landing"}


def test_301_from_response_class_keeps_get(run):
    first, second = hops(run, "moved-301")
    assert_redirect(first, 301, "/v2/docs")
    assert (second.request.method, path_of(second)) == ("GET", "/v2/docs")
    assert json.loads(second.body) == {"page": "docs, version 2"}


def request_header(ex, name):
    return next((v for k, v in ex.request.headers if k.lower() == name), None)


def test_303_switches_to_get_without_body(run):
    first, second = hops(run, "see-other-303")
    assert first.request.method == "POST"
    assert json.loads(first.request.body) == {"item": "tea", "qty": 2}
    assert_redirect(first, 303, "/orders/42")
    assert (second.request.method, path_of(second)) == ("GET", "/orders/42")
    assert second.request.body == b""
    assert request_header(second, "content-length") is None
    assert request_header(second, "content-type") == "application/json"  # left behind by httpx
    assert json.loads(second.body) == {"order": 42, "status": "received"}


def test_302_after_post_becomes_get_in_httpx(run):
    first, second = hops(run, "found-302")
    assert first.request.method == "POST" and first.request.body
    assert_redirect(first, 302, "/echo")
    assert second.request.method == "GET"
    assert second.request.body == b""
    assert json.loads(second.body) == {"method": "GET", "body": ""}  # what the server saw


@pytest.mark.parametrize(
    ("name", "status", "sent"),
    [("keep-post-307", 307, {"name": "report.csv"}), ("permanent-308", 308, {"name": "lamp"})],
)
def test_307_and_308_repeat_post_with_body(run, name, status, sent):
    first, second = hops(run, name)
    assert first.request.method == "POST"
    assert json.loads(first.request.body) == sent
    assert_redirect(first, status, "/echo")
    assert second.request.method == "POST"
    assert second.request.body == first.request.body
    echoed = json.loads(second.body)
    assert echoed["method"] == "POST"
    assert json.loads(echoed["body"]) == sent


def test_trailing_slash_is_redirected_by_the_router(run):
    first, second = hops(run, "trailing-slash")
    assert (first.request.method, path_of(first)) == ("GET", "/landing/?from=menu")
    base = first.request.url.split("/landing/")[0]
    assert_redirect(first, 307, f"{base}/landing?from=menu")  # absolute, query kept
    assert (second.request.method, path_of(second)) == ("GET", "/landing?from=menu")
    assert second.response.status == 200
    assert json.loads(second.body) == {"page": "landing"}


@pytest.mark.parametrize(
    ("route", "asked", "status", "location"),
    [
        ("/items", "/items/", 307, "/items"),  # the slash taken away
        ("/items/", "/items", 307, "/items/"),  # ... or added
        ("/items", "/items/?q=1", 307, "/items?q=1"),
        ("/items", "/other/", 404, None),  # only when the other spelling has a route
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_redirect_slashes_rule(route, asked, status, location, method):
    from fastapi import FastAPI

    from tests.demos._live import served

    app = FastAPI()
    app.api_route(route, methods=["GET", "POST"])(lambda: {"ok": True})
    with served(app) as (client, _):
        response = client.request(method, asked, json={"n": 1} if method == "POST" else None)
        base = str(client.base_url)
    assert response.status_code == status
    if location is not None:
        assert response.headers["location"] == base + location
        # 307: a client repeats the same method with the same body at the new location.
        assert response.next_request.method == method


def test_redirect_slashes_false_answers_404():
    from fastapi import FastAPI

    from tests.demos._live import fetch

    app = FastAPI(redirect_slashes=False)
    app.get("/items")(lambda: {"ok": True})
    assert fetch(app, "GET", "/items/").status_code == 404
