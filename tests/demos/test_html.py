"""Wire facts of every example of the html demo, against the installed FastAPI."""

import json
import sys

import pytest

from fastapi_responses_cli import catalog

PAGE = b"<h1>Orders</h1><p>3 open</p>"


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("html")


def test_response_class_sends_the_str_as_html(run):
    ex = run.first("response-class")
    assert ex.response.status == 200
    assert ex.response.header("content-type") == "text/html; charset=utf-8"
    assert ex.body == PAGE


def test_response_class_is_documented_in_openapi():
    app = catalog.load_app(catalog.get_demo("html"))
    content = app.openapi()["paths"]["/"]["get"]["responses"]["200"]["content"]
    assert list(content) == ["text/html"]


def test_str_without_response_class_is_a_json_string(run):
    ex = run.first("str-as-json")
    assert ex.response.header("content-type") == "application/json"
    assert ex.body == b'"' + PAGE + b'"'
    assert json.loads(ex.body) == PAGE.decode()


def test_maintenance_page_with_503_and_retry_after(run):
    ex = run.first("maintenance")
    assert ex.response.status == 503
    assert ex.response.header("retry-after") == "120"
    assert ex.response.header("content-type") == "text/html; charset=utf-8"
    assert ex.body.startswith(b"<h1>Back soon</h1>")


def test_template_renders_with_request_in_context(run):
    ex = run.first("template")
    assert ex.response.status == 200
    assert ex.response.header("content-type") == "text/html; charset=utf-8"
    html = ex.body.decode()
    assert html.startswith("<!doctype html>")
    assert "<h1>Hello, Ada!</h1>" in html
    assert "<p>Rendered by Jinja2 for /hello</p>" in html  # request.url.path
    assert ex.server_log == []  # the current TemplateResponse signature: no deprecation


def test_template_autoescapes_html(run):
    ex = run.first("template-escape")
    html = ex.body.decode()
    assert "<h1>Hello, &lt;script&gt;alert(1)&lt;/script&gt;!</h1>" in html
    assert "<script>" not in html
    demo = catalog.get_demo("html")
    catalog.load_app(demo)
    module = sys.modules[demo.module]
    autoescape = module.templates.env.autoescape
    assert callable(autoescape) and autoescape("hello.html") and not autoescape("notes.txt")
