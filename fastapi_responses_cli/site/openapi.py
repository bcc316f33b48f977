"""One OpenAPI document for every demo, merged from each demo app's own ``openapi()``.

The demos are mounted as whole apps (see :mod:`.app`), and Starlette leaves a mounted app out
of its parent's OpenAPI. So each demo writes its own document, exactly as it would standalone,
and this module merges them:

- every path gets the demo's prefix (``/events`` -> ``/streaming/events``);
- every operation gets the demo's name as its first tag (``/docs`` groups by demo) and an
  ``operationId`` prefixed with the demo's name, so two demos' ``read_item`` stay distinct;
- a component (schema, response, parameter, ...) keeps its name when every demo that defines
  it defines it the same way (``HTTPValidationError`` is shared), and is renamed
  ``<demo>__<Name>`` in each demo that has a different one; every ``$ref`` follows the rename.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_REF_PREFIX = "#/components/"


@dataclass(frozen=True)
class Part:
    """One demo's contribution: its name (the path prefix), a tag description, its document."""

    name: str
    description: str
    doc: dict[str, Any]


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _rewrite_refs(value: Any, renames: dict[tuple[str, str], str]) -> Any:
    """A copy of ``value`` with every ``#/components/<section>/<name>`` ref renamed."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str) and item.startswith(_REF_PREFIX):
                section, _, name = item[len(_REF_PREFIX) :].partition("/")
                new = renames.get((section, name))
                out[key] = f"{_REF_PREFIX}{section}/{new}" if new else item
            else:
                out[key] = _rewrite_refs(item, renames)
        return out
    if isinstance(value, list):
        return [_rewrite_refs(item, renames) for item in value]
    return value


def _component_names(parts: Iterable[Part]) -> dict[tuple[str, str], list[str]]:
    """(section, component name) -> the demos that define it."""
    owners: dict[tuple[str, str], list[str]] = {}
    for part in parts:
        for section, items in part.doc.get("components", {}).items():
            for name in items:
                owners.setdefault((section, name), []).append(part.name)
    return owners


def _plan_renames(parts: list[Part]) -> dict[str, dict[tuple[str, str], str]]:
    """Per demo, which of its components must be renamed to stay distinct.

    A clash is the same (section, name) defined differently by two demos. Renaming one
    component can make two others differ (they refer to it), so repeat until nothing changes.
    """
    renames: dict[str, dict[tuple[str, str], str]] = {p.name: {} for p in parts}
    owners = _component_names(parts)
    while True:
        clashing: set[tuple[str, str]] = set()
        for key, demos in owners.items():
            if len(demos) < 2:
                continue
            section, name = key
            forms = set()
            for part in parts:
                if part.name in demos and key not in renames[part.name]:
                    body = part.doc["components"][section][name]
                    forms.add(_canonical(_rewrite_refs(body, renames[part.name])))
            if len(forms) > 1:
                clashing.add(key)
        if not clashing:
            return renames
        for key in clashing:
            section, name = key
            for demo in owners[key]:
                renames[demo][key] = f"{demo}__{name}"


def _unique(operation_id: str, method: str, taken: set[str]) -> str:
    """OpenAPI wants operationIds unique. A route that answers several methods gets the same
    id for each from FastAPI (it warns "Duplicate Operation ID"): tell them apart by method."""
    candidate = operation_id
    if candidate in taken:
        candidate = f"{operation_id}_{method}"
    n = 2
    while candidate in taken:
        candidate = f"{operation_id}_{method}{n}"
        n += 1
    taken.add(candidate)
    return candidate


def merge(
    parts: list[Part],
    *,
    title: str,
    version: str,
    description: str = "",
    openapi_version: str = "3.1.0",
) -> dict[str, Any]:
    """The merged document. Raises ValueError if two demos would serve the same path."""
    renames = _plan_renames(parts)
    doc: dict[str, Any] = {
        "openapi": openapi_version,
        "info": {"title": title, "version": version},
        "paths": {},
    }
    if description:
        doc["info"]["description"] = description
    components: dict[str, dict[str, Any]] = {}
    tags: list[dict[str, Any]] = []
    operation_ids: set[str] = set()
    for part in parts:
        prefix = "/" + part.name
        source = _rewrite_refs(copy.deepcopy(part.doc), renames[part.name])
        tags.append({"name": part.name, "description": part.description})
        for path, item in source.get("paths", {}).items():
            full = prefix + path
            if full in doc["paths"]:
                raise ValueError(f"two demos serve {full}")
            for method in HTTP_METHODS:
                op = item.get(method)
                if op is None:
                    continue
                op["tags"] = [part.name] + [t for t in op.get("tags", []) if t != part.name]
                if "operationId" in op:
                    op["operationId"] = _unique(
                        f"{part.name}__{op['operationId']}", method, operation_ids
                    )
            doc["paths"][full] = item
        for tag in source.get("tags", []):
            if tag.get("name") != part.name and all(t["name"] != tag["name"] for t in tags):
                tags.append(tag)
        for section, items in source.get("components", {}).items():
            target = components.setdefault(section, {})
            for name, body in items.items():
                target[renames[part.name].get((section, name), name)] = body
    if components:
        doc["components"] = {s: dict(sorted(items.items())) for s, items in components.items()}
    doc["tags"] = tags
    return doc
