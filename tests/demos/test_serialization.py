"""Wire facts of every example of the serialization demo, and its OpenAPI schemas."""

import json
from datetime import UTC, datetime

import pytest
from pydantic import BaseModel, ConfigDict

from fastapi_responses_cli.catalog import get_demo, load_app


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("serialization")


@pytest.fixture(scope="module")
def document():
    return load_app(get_demo("serialization")).openapi()


def body(run, name):
    ex = run.first(name)
    assert ex.error is None
    return json.loads(ex.body)


def test_excluded_field_is_neither_sent_nor_documented(run, document):
    assert body(run, "exclude-field") == {"id": 1, "owner": "ada"}
    assert "risk_score" not in document["components"]["schemas"]["Account"]["properties"]
    from demos.serialization import Account

    account = Account(id=1, owner="ada", risk_score=0.93)
    assert account.risk_score == 0.93  # still on the object ...
    assert "risk_score" not in account.model_dump()  # ... but out of every dump
    assert "risk_score" not in account.model_dump_json()


def test_alias_is_used_by_default(run):
    assert body(run, "alias") == {"displayName": "Ada", "joinedAt": "2024-05-01T00:00:00Z"}


def test_by_alias_false_uses_attribute_names(run):
    assert body(run, "alias-off") == {"display_name": "Ada", "joined_at": "2024-05-01T00:00:00Z"}


def test_computed_field_and_serializer(run, document):
    shipped = int(datetime(2024, 5, 1, 12, 0, tzinfo=UTC).timestamp())
    assert body(run, "computed") == {
        "quantity": 3,
        "unit_price": 2.5,
        "shipped_at": shipped,
        "total": 7.5,
    }
    props = document["components"]["schemas"]["Line"]["properties"]
    assert props["total"]["readOnly"] is True
    assert props["shipped_at"]["type"] == "integer"


def test_inf_and_nan_default_to_null(run):
    assert run.first("inf-nan-default").body == b'{"maximum":null,"average":null}'


def test_inf_and_nan_as_strings(run):
    assert run.first("inf-nan-strings").body == b'{"maximum":"Infinity","average":"NaN"}'


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("null", b'{"x":null}'),
        ("strings", b'{"x":"Infinity"}'),
        ("constants", b'{"x":Infinity}'),  # not valid JSON
    ],
)
def test_ser_json_inf_nan_options_on_the_wire(setting, expected):
    from fastapi import FastAPI

    from tests.demos._live import fetch

    class M(BaseModel):
        model_config = ConfigDict(ser_json_inf_nan=setting)
        x: float

    app = FastAPI()

    @app.get("/m")
    def m() -> M:
        return M(x=float("inf"))

    assert fetch(app, "GET", "/m").content == expected


def test_union_is_any_of_and_sends_the_matching_model(run, document):
    assert body(run, "union") == {"kind": "dog", "good": True}
    schema = document["paths"]["/pets/{pet_id}"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    assert schema["anyOf"] == [
        {"$ref": "#/components/schemas/Cat"},
        {"$ref": "#/components/schemas/Dog"},
    ]
    assert "oneOf" not in schema and "discriminator" not in schema


def test_user_out_carries_neither_password_nor_hash(run):
    ex = run.first("user-in-out")
    assert json.loads(ex.request.body)["password"] == "s3cret!"
    assert ex.response.status == 201
    assert json.loads(ex.body) == {"username": "ada", "email": "ada@example.com"}
    assert b"s3cret" not in ex.body and b"hashed" not in ex.body
