"""/openapi.json and /docs cover every demo, merged from each demo's own document."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from fastapi_responses_cli.site import openapi
from fastapi_responses_cli.site.examples import documented_operation

from .conftest import catalog_names


@pytest.fixture(scope="module")
def doc(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    return r.json()


def _refs(value, found):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                found.append(item)
            else:
                _refs(item, found)
    elif isinstance(value, list):
        for item in value:
            _refs(item, found)
    return found


def test_every_path_of_every_demo_is_in_the_document(doc, combined):
    for name, entry in combined.mounted.items():
        own = entry.app.openapi()
        for path, item in own["paths"].items():
            merged = doc["paths"].get(f"/{name}{path}")
            assert merged is not None, f"/{name}{path} missing"
            assert set(merged) == set(item), f"/{name}{path}: methods differ"


def test_every_documented_example_route_is_in_the_document(doc, combined):
    documented = 0
    for name, entry in combined.mounted.items():
        for example in entry.demo.meta.examples:
            found = documented_operation(entry, example)
            if found is None:  # a route left out of the schema, or a HEAD/OPTIONS answer
                continue
            path, operation = found
            merged = doc["paths"][f"/{name}{path}"][example.method.lower()]
            assert merged["summary"] == operation["summary"]
            assert merged["operationId"].startswith(f"{name}__")
            documented += 1
    assert documented > len(combined.mounted)  # most examples hit a documented route


def test_one_tag_per_demo_in_catalog_order(doc, combined):
    assert [t["name"] for t in doc["tags"]][: len(combined.mounted)] == catalog_names()
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "responses" in op:
                assert op["tags"][0] == path.split("/")[1], f"{method} {path}"


def test_every_ref_resolves_and_operation_ids_are_unique(doc):
    for ref in _refs(doc, []):
        section, name = ref.removeprefix("#/components/").split("/", 1)
        assert name in doc["components"][section], ref
    ids = Counter(
        op["operationId"]
        for item in doc["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    )
    assert [i for i, n in ids.items() if n > 1] == []


def test_docs_page_loads_the_merged_document(client):
    r = client.get("/docs")
    assert r.status_code == 200
    assert "/openapi.json" in r.text
    assert "swagger-ui" in r.text


def _schema_doc(schemas: dict, paths: dict | None = None) -> dict:
    return {"openapi": "3.1.0", "paths": paths or {}, "components": {"schemas": schemas}}


def test_merge_keeps_identical_components_and_renames_differing_ones():
    item_a = {"type": "object", "properties": {"a": {"type": "string"}}}
    item_b = {"type": "object", "properties": {"b": {"type": "integer"}}}
    error = {"type": "object", "properties": {"detail": {"type": "string"}}}
    ref = {"$ref": "#/components/schemas/Item"}
    op = {"responses": {"200": {"content": {"application/json": {"schema": ref}}}}}
    a = _schema_doc({"Item": item_a, "Error": error}, {"/x": {"get": {**op, "operationId": "x"}}})
    b = _schema_doc({"Item": item_b, "Error": error}, {"/x": {"get": {**op, "operationId": "x"}}})
    merged = openapi.merge(
        [openapi.Part("one", "first", a), openapi.Part("two", "second", b)], title="t", version="1"
    )
    assert set(merged["components"]["schemas"]) == {"Error", "one__Item", "two__Item"}
    one = merged["paths"]["/one/x"]["get"]
    two = merged["paths"]["/two/x"]["get"]
    assert _refs(one, []) == ["#/components/schemas/one__Item"]
    assert _refs(two, []) == ["#/components/schemas/two__Item"]
    assert (one["operationId"], two["operationId"]) == ("one__x", "two__x")
    assert one["tags"] == ["one"]


def test_merge_renames_what_refers_to_a_renamed_component():
    # Wrapper is written the same way in both, but points at an Item that differs.
    wrapper = {"type": "object", "properties": {"item": {"$ref": "#/components/schemas/Item"}}}
    a = _schema_doc({"Item": {"type": "string"}, "Wrapper": wrapper})
    b = _schema_doc({"Item": {"type": "integer"}, "Wrapper": json.loads(json.dumps(wrapper))})
    merged = openapi.merge(
        [openapi.Part("one", "", a), openapi.Part("two", "", b)], title="t", version="1"
    )
    schemas = merged["components"]["schemas"]
    assert set(schemas) == {"one__Item", "two__Item", "one__Wrapper", "two__Wrapper"}
    assert _refs(schemas["two__Wrapper"], []) == ["#/components/schemas/two__Item"]


def test_merge_gives_each_method_of_a_multi_method_route_its_own_id():
    op = {"responses": {}, "operationId": "echo_echo_get"}
    part = openapi.Part("d", "", {"paths": {"/echo": {"get": dict(op), "post": dict(op)}}})
    merged = openapi.merge([part], title="t", version="1")
    ids = [merged["paths"]["/d/echo"][m]["operationId"] for m in ("get", "post")]
    assert ids == ["d__echo_echo_get", "d__echo_echo_get_post"]
