"""Wire facts of every example of the response-models demo, against the installed FastAPI."""

import json

import pytest

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
