"""Wire facts of every example of the additional-responses demo, and its OpenAPI document."""

import json

import pytest
from fastapi import FastAPI
from fastapi.exceptions import FastAPIError
from fastapi.responses import RedirectResponse, Response

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("additional-responses")


def test_found_is_the_response_model(run):
    ex = run.first("found")
    assert ex.response.status == 200
    assert ex.response.media_type == "application/json"
    assert json.loads(ex.body) == {"id": 1, "name": "Lamp"}


def test_not_found_is_the_returned_json_unchecked(run):
    ex = run.first("not-found")
    assert ex.response.status == 404
    assert json.loads(ex.body) == {"message": "no item 99"}


def test_image_is_raw_png(run):
    ex = run.first("image")
    assert ex.response.status == 200
    assert ex.response.header("content-type") == "image/png"
    assert ex.body.startswith(PNG_SIGNATURE)
    assert ex.response.header("content-length") == str(len(ex.body))


def test_html_class_sends_the_returned_html(run):
    ex = run.first("html-class")
    assert ex.response.header("content-type") == "text/html; charset=utf-8"
    assert ex.body == b"<h1>Item 1</h1>"


def test_escape_hatch_returns_either_branch(run):
    ex = run.first("escape-hatch")
    assert ex.response.status == 200
    assert json.loads(ex.body) == {"see": "/docs"}
    redirect = run.first("escape-hatch-redirect")
    assert redirect.response.status == 307
    assert redirect.response.header("location") == "/elsewhere"
    assert redirect.body == b""


def responses_of(document: dict, path: str) -> dict:
    return document["paths"][path]["get"]["responses"]


def test_served_openapi_shows_what_the_decorators_wrote(run):
    ex = run.first("openapi")
    assert ex.response.status == 200
    document = json.loads(ex.body)
    item = responses_of(document, "/items/{item_id}")
    assert sorted(item) == ["200", "404", "409", "422"]
    schema = {code: item[code]["content"]["application/json"]["schema"] for code in item}
    assert schema["200"] == {"$ref": "#/components/schemas/Item"}
    assert schema["404"] == schema["409"] == {"$ref": "#/components/schemas/Message"}
    assert schema["422"] == {"$ref": "#/components/schemas/HTTPValidationError"}
    image = responses_of(document, "/items/{item_id}/image")["200"]["content"]
    assert sorted(image) == ["application/json", "image/png"]
    page = responses_of(document, "/items/{item_id}/page")["200"]["content"]
    assert list(page) == ["text/html"]
    go = responses_of(document, "/go")["200"]["content"]
    assert go == {"application/json": {"schema": {}}}  # no model describes the union


def test_a_union_with_a_response_class_stops_the_app_at_startup():
    app = FastAPI()
    with pytest.raises(FastAPIError, match="response_model=None"):

        @app.get("/x")
        def x() -> RedirectResponse | dict:
            return {}


def test_response_model_none_lets_it_start():
    app = FastAPI()

    @app.get("/x", response_model=None)
    def x() -> RedirectResponse | dict:
        return {}

    assert app.openapi()["paths"]["/x"]["get"]["responses"]["200"]["content"] == {
        "application/json": {"schema": {}}
    }


def test_responses_changes_nothing_on_the_wire():
    """The same route with and without responses=: the same answers, byte for byte."""
    from pydantic import BaseModel

    from tests.demos._live import fetch

    class Message(BaseModel):
        message: str

    def make(documented: bool) -> FastAPI:
        app = FastAPI()
        kwargs = {"responses": {404: {"model": Message}}} if documented else {}

        @app.get("/items/{item_id}", **kwargs)
        def item(item_id: int) -> dict:
            if item_id != 1:
                return Response(b'{"oops": true}', 404, media_type="application/json")
            return {"id": 1}

        return app

    for path in ("/items/1", "/items/2"):
        plain, documented = fetch(make(False), "GET", path), fetch(make(True), "GET", path)
        assert (plain.status_code, plain.content) == (documented.status_code, documented.content)
