"""Wire facts of every example of the response-models demo, against the installed FastAPI."""

import dataclasses
import json

import pytest
from fastapi import FastAPI
from pydantic import BaseModel

from tests.demos._live import fetch

USER_OUT = {"id": 1, "name": "Alice", "email": "alice@example.com"}


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("response-models")


def body(run, example):
    ex = run.first(example)
    assert ex.error is None
    return ex.response.status, json.loads(ex.body)


@pytest.mark.parametrize("example", ["filter", "annotation", "priority"])
def test_output_model_filters_secret_fields(run, example):
    assert body(run, example) == (200, USER_OUT)
    assert b"hashed_password" not in run.first(example).body


def test_list_items_filtered_and_coerced(run):
    status, data = body(run, "list")
    assert status == 200
    assert data == [
        {"id": 1, "name": "Laptop", "price": 1200.0},
        {"id": 2, "name": "Phone", "price": 600.0},
    ]
    assert b"1200.0" in run.first("list").body  # a float on the wire, not the int returned
    assert b"secret" not in run.first("list").body


def test_optional_answers_null_with_200(run):
    assert body(run, "optional") == (200, None)
    assert run.first("optional").body == b"null"


def test_created_is_201(run):
    assert body(run, "created") == (201, {"id": 3, "name": "Tablet", "price": 450.0})


def test_include_and_exclude(run):
    assert body(run, "include") == (200, {"id": 1, "name": "Alice"})
    assert body(run, "exclude") == (200, {**USER_OUT, "role": "admin"})


def test_exclude_none(run):
    assert body(run, "exclude-none") == (200, {"total": 100})


def test_exclude_unset_is_about_the_returned_object(run):
    assert body(run, "exclude-unset") == (200, {"name": "Desk lamp"})
    # The PATCH sent only price, yet every field set on the stored object comes back.
    sent = json.loads(run.first("exclude-unset-patch").request.body)
    assert sent == {"price": 12.5}
    assert body(run, "exclude-unset-patch") == (
        200,
        {"name": "Chair", "description": "Oak, four legs", "price": 12.5},
    )


def test_returning_jsonresponse_skips_the_model(run):
    status, data = body(run, "leak")
    assert status == 200
    assert data["hashed_password"] == "$2b$12$not-a-real-hash"
    assert data["is_superuser"] is False


def test_models_documented_in_openapi():
    from fastapi_responses_cli import catalog

    app = catalog.load_app(catalog.get_demo("response-models"))
    schema = app.openapi()
    ok = schema["paths"]["/users/{user_id}"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/UserOut"}
    # include= trims the body but not the documented schema: /docs still shows every field.
    card = schema["paths"]["/users/{user_id}/card"]["get"]["responses"]["200"]
    ref = card["content"]["application/json"]["schema"]["$ref"]
    assert "hashed_password" in schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]


def test_exclude_unset_with_an_orm_style_object_leaves_nothing_out(run):
    assert body(run, "exclude-unset-row") == (
        200,
        {"name": "Desk lamp", "description": None, "price": 0.0},
    )


class _Item(BaseModel):
    name: str
    description: str | None = None
    price: float = 0.0


class _SubItem(_Item):
    colour: str = "red"


class _OtherItem(BaseModel):  # same fields, another class
    name: str
    description: str | None = None
    price: float = 0.0


class _Row:  # attributes, as an ORM row has them
    def __init__(self) -> None:
        self.name = "Lamp"
        self.description = None
        self.price = 0.0


@dataclasses.dataclass
class _Record:
    name: str
    description: str | None = None
    price: float = 0.0


TRIMMED = {"name": "Lamp"}
EVERYTHING = {"name": "Lamp", "description": None, "price": 0.0}


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        (lambda: _Item(name="Lamp"), TRIMMED),  # the response model itself
        (lambda: _SubItem(name="Lamp"), TRIMMED),  # a subclass: its fields_set is kept
        (lambda: {"name": "Lamp"}, TRIMMED),  # a dict: missing keys are unset
        (lambda: _OtherItem(name="Lamp"), EVERYTHING),  # another class: read field by field
        (lambda: _Row(), EVERYTHING),  # an ORM-style object (from_attributes)
        (lambda: _Record(name="Lamp"), EVERYTHING),  # a dataclass
    ],
    ids=["model", "subclass", "dict", "other-model", "orm-row", "dataclass"],
)
@pytest.mark.parametrize("declared", ["response_model", "annotation"])
def test_exclude_unset_trims_only_model_instances_and_dicts(returned, expected, declared):
    app = FastAPI()
    if declared == "response_model":

        @app.get("/x", response_model=_Item, response_model_exclude_unset=True)
        def x():
            return returned()
    else:

        @app.get("/x", response_model_exclude_unset=True)
        def x() -> _Item:
            return returned()

    response = fetch(app, "GET", "/x")
    assert response.status_code == 200
    assert response.json() == expected
