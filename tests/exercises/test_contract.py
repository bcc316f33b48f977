"""The four contract exercises of issue 11, judged on the wire: the starter fails with the
failing expectation named, the shipped solution passes, another correct style passes, and a
plausible wrong one fails on the expectation it gets wrong."""

import pytest

from fastapi_responses_cli.exercises.checker import check_path
from fastapi_responses_cli.exercises.spec import exercises_dir, load_manifest, load_spec

from .conftest import SOLUTIONS

CONTRACT = ["hide-password", "created-status", "stream-tokens", "sse-current"]

# What the starter and the wrong solution get wrong: the names of the checks that must fail.
STARTER_FAILS = {
    "hide-password": {
        "alice: json_lacks_key hashed_password",
        "alice: json_lacks_key is_superuser",
        "openapi: GET /users/{user_id} 200",
    },
    "created-status": {"create-pen: status 201", "openapi: POST /items 201"},
    "stream-tokens": {"tokens: chunks_at_least 5", "tokens: spread_at_least 0.3"},
    "sse-current": {
        "events: header_equals cache-control",
        "events: header_equals x-accel-buffering",
    },
}
WRONG_FAILS = {
    "hide-password": {"openapi: GET /users/{user_id} 200"},
    "created-status": {"openapi: POST /items 201"},
    "stream-tokens": {"tokens: spread_at_least 0.3"},
    "sse-current": {"events: sse_events"},
}


def failed(verdict):
    assert verdict.error is None and verdict.message is None, verdict.error
    return {c.name for c in verdict.checks if not c.passed}


def test_contract_exercises_are_in_the_course_hide_password_first():
    # The course order (easy to hard) is the content lane's; see tests/exercises/test_content.py.
    names = [e.name for e in load_manifest().exercise]
    assert names[0] == "hide-password"
    assert set(CONTRACT) <= set(names)


@pytest.mark.parametrize("name", CONTRACT)
def test_starter_fails_naming_the_expectation(name, pool):
    verdict = check_path(name, exercises_dir() / name / "starter.py", pool=pool)
    assert not verdict.passed
    names = failed(verdict)
    assert STARTER_FAILS[name] <= names, names
    # Each failing check names its request.
    requests = {r.name for r in load_spec(name).request} | {"openapi"}
    assert all(c.request in requests for c in verdict.failed)


@pytest.mark.parametrize("name", CONTRACT)
@pytest.mark.parametrize("kind", ["solution", "alternative"])
def test_correct_solutions_pass(name, kind, pool):
    path = (
        exercises_dir() / name / "solution.py"
        if kind == "solution"
        else SOLUTIONS / name / "alternative.py"
    )
    verdict = check_path(name, path, pool=pool)
    assert failed(verdict) == set()
    assert verdict.passed
    assert len(verdict.checks) == sum(len(r.expect) for r in load_spec(name).request) + len(
        load_spec(name).openapi
    )


@pytest.mark.parametrize("name", CONTRACT)
def test_plausible_wrong_solution_fails(name, pool):
    verdict = check_path(name, SOLUTIONS / name / "wrong.py", pool=pool)
    assert not verdict.passed
    assert WRONG_FAILS[name] <= failed(verdict)


def test_every_shipped_exercise_has_an_alternative_and_a_wrong_solution():
    """Issue 11 item 6, for every exercise in the course (the content lane adds theirs)."""
    missing = [
        f"{e.name}/{kind}.py"
        for e in load_manifest().exercise
        for kind in ("alternative", "wrong")
        if not (SOLUTIONS / e.name / f"{kind}.py").is_file()
    ]
    assert missing == []


def test_hide_password_contract_is_exact():
    spec = load_spec("hide-password")
    (alice,) = spec.request
    assert (alice.method, alice.path) == ("GET", "/users/1")
    kinds = {e.kind: e.value for e in alice.expect}
    assert kinds["status"] == 200 and kinds["media_type"] == "application/json"
    assert kinds["json_equals"] == '{"id": 1, "name": "Alice", "email": "alice@example.com"}'
    (doc,) = spec.openapi
    assert (doc.path, doc.method, doc.status) == ("/users/{user_id}", "get", 200)
    assert set(doc.properties) == {"id", "name", "email"} and "hashed_password" in doc.absent


def test_stream_tokens_contract_is_exact():
    (tokens,) = load_spec("stream-tokens").request
    assert tokens.path == "/tokens?prompt=hi"
    kinds = {e.kind: e.value for e in tokens.expect}
    assert kinds["text_equals"] == "This is a streamed response for: hi "
    assert kinds["chunks_at_least"] >= 5 and kinds["spread_at_least"] >= 0.3
    assert kinds["media_type"] == "text/plain"


def test_created_and_sse_contracts_are_exact():
    (pen,) = load_spec("created-status").request
    assert (pen.method, pen.path, pen.json_body) == (
        "POST",
        "/items",
        {"name": "pen", "price": 1.5},
    )
    assert {e.kind: e.value for e in pen.expect}["status"] == 201
    assert [(d.method, d.path, d.status) for d in load_spec("created-status").openapi] == [
        ("post", "/items", 201)
    ]
    (events,) = load_spec("sse-current").request
    kinds = {e.kind: e.value for e in events.expect}
    assert kinds["media_type"] == "text/event-stream"
    headers = {e.value.name: e.value.value for e in events.expect if e.kind == "header_equals"}
    assert headers == {"cache-control": "no-cache", "x-accel-buffering": "no"}


def test_starters_say_what_to_change():
    for name in CONTRACT:
        assert "# TODO:" in (exercises_dir() / name / "starter.py").read_text()


def test_documented_properties_of_a_list_are_its_items_fields():
    """A `-> list[UserOut]` route documents an array whose items hold the fields: an openapi
    expectation on such a route must see them (and see a leaked field) through `items`."""
    from fastapi_responses_cli.exercises.checker import _properties

    doc = {
        "components": {
            "schemas": {
                "UserOut": {"properties": {"id": {}, "name": {}}},
                "UserInDB": {
                    "allOf": [{"$ref": "#/components/schemas/UserOut"}],
                    "properties": {"hashed_password": {}},
                },
            }
        }
    }
    out = {"type": "array", "items": {"$ref": "#/components/schemas/UserOut"}}
    leak = {"type": "array", "items": {"$ref": "#/components/schemas/UserInDB"}}
    assert _properties(doc, out) == {"id", "name"}
    assert _properties(doc, leak) == {"id", "name", "hashed_password"}
