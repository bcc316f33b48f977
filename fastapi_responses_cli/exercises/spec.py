"""The shape of an exercise, validated with pydantic.

Content lives in the top-level ``exercises/`` folder of a source checkout; a wheel ships it as
``fastapi_responses_cli/exercise_files`` (the engine package is this one). See
:func:`exercises_dir`.

    exercises/info.toml              the manifest: [[exercise]] name = "...", in course order
    exercises/<name>/exercise.toml   title, task, hints, links, requests and their expectations
    exercises/<name>/starter.py      runs, but answers wrong; a TODO says what to change
    exercises/<name>/solution.py     passes every expectation

An expectation is one table with exactly one check key (the vocabulary below) and optional
``say``, the failure in a learner's words ("hashed_password is still in the body"). JSON values
in expectations are written as JSON text, so ``null`` can be said.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..catalog import exercises_dir, read_toml
from ..errors import FrcliError, UnknownName
from . import normal_name

__all__ = ["exercises_dir"]  # the content folder lives in the catalog; kept here for callers

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
Difficulty = Literal["easy", "medium", "hard"]
NAME = r"^[a-z0-9][a-z0-9-]*$"

# Every check key an expectation may use, and what its value is.
CHECKS: dict[str, str] = {
    "status": "int: the status code",
    "header_present": "str: a header name that must be there",
    "header_absent": "str: a header name that must not be there",
    "header_equals": "{name, value}: the header's whole value (case-sensitive)",
    "header_matches": "{name, pattern}: re.search on the header's value",
    "media_type": "str: content-type without parameters, compared lower case",
    "json_equals": "JSON text: the body parses to exactly this value",
    "json_contains": "JSON text of an object: each key/value appears in the body (recursive);"
    " where the body or a value in it is a list, some item of the list contains the object",
    "json_has_key": "str: the key appears at any depth of the JSON body",
    "json_lacks_key": "str: the key appears nowhere in the JSON body",
    "text_equals": "str: the decoded body, exactly",
    "text_matches": "str: re.search on the decoded body",
    "chunks_at_least": "int: body chunks received (a content-length body is one chunk)",
    "spread_at_least": "float: seconds from the first to the last body chunk",
    "sse_events": "JSON text list of {event?, data?, id?}: the first events, in order;"
    " a non-string data is compared as parsed JSON",
    "jsonl_objects": "JSON text list: the first JSON Lines values, in order",
    "log_matches": "str: re.search on a server log line of this request",
    "log_after_response": "str: like log_matches, and the line came after the body ended",
    "log_lacks": "str: no server log line of this request matches (re.search)",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HeaderValue(_Strict):
    name: str
    value: str


class HeaderPattern(_Strict):
    name: str
    pattern: str


def _json_text(v: object) -> object:
    if not isinstance(v, str):
        raise ValueError("write JSON values as JSON text, e.g. '{\"id\": 1}'")
    try:
        json.loads(v)
    except ValueError as exc:
        raise ValueError(f"not valid JSON: {exc}") from None
    return v


class Expect(_Strict):
    """One expectation on one response. Exactly one check key is set."""

    say: str | None = None  # the failure, in a learner's words
    status: int | None = None
    header_present: str | None = None
    header_absent: str | None = None
    header_equals: HeaderValue | None = None
    header_matches: HeaderPattern | None = None
    media_type: str | None = None
    json_equals: str | None = None
    json_contains: str | None = None
    json_has_key: str | None = None
    json_lacks_key: str | None = None
    text_equals: str | None = None
    text_matches: str | None = None
    chunks_at_least: int | None = Field(default=None, gt=0)
    spread_at_least: float | None = Field(default=None, gt=0)
    sse_events: str | None = None
    jsonl_objects: str | None = None
    log_matches: str | None = None
    log_after_response: str | None = None
    log_lacks: str | None = None

    @field_validator("json_equals", "json_contains", "sse_events", "jsonl_objects")
    @classmethod
    def _is_json(cls, v: object) -> object:
        return None if v is None else _json_text(v)

    @field_validator("text_matches", "log_matches", "log_after_response", "log_lacks")
    @classmethod
    def _is_regex(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                re.compile(v)
            except re.error as exc:  # not a ValueError: pydantic would let it escape
                raise ValueError(f"not a valid regular expression: {exc}") from None
        return v

    @model_validator(mode="after")
    def _exactly_one(self) -> Expect:
        keys = self.check_keys()
        if len(keys) != 1:
            raise ValueError(f"give exactly one of {', '.join(CHECKS)} (got {keys or 'none'})")
        return self

    def check_keys(self) -> list[str]:
        return [k for k in CHECKS if getattr(self, k) is not None]

    @property
    def kind(self) -> str:
        """The one check key this expectation uses."""
        return self.check_keys()[0]

    @property
    def value(self) -> Any:
        return getattr(self, self.kind)


class Request(_Strict):
    """One request the checker sends (an Example's request fields), and what must hold."""

    name: str = Field(pattern=NAME)
    method: Method = "GET"
    path: str = Field(pattern=r"^/")
    headers: dict[str, str] = {}
    json_body: object | None = Field(default=None, alias="json")
    body: str | None = None
    follow_redirects: bool = False
    max_seconds: float = Field(default=10.0, gt=0, le=60)
    expect: list[Expect] = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _one_body(self) -> Request:
        if self.json_body is not None and self.body is not None:
            raise ValueError("give either 'json' or 'body', not both")
        return self


class OpenAPIExpect(_Strict):
    """What ``/openapi.json`` must document for one operation and status."""

    say: str | None = None
    path: str = Field(pattern=r"^/")
    method: Literal["get", "post", "put", "patch", "delete", "head", "options"]
    status: int
    media_type: str = "application/json"
    properties: list[str] = []  # present in the documented response schema
    absent: list[str] = []  # not in it


class Links(_Strict):
    demo: str | None = None  # a demo name (frcli demo NAME)
    example: str | None = None  # one of that demo's examples
    quiz: list[str] = []  # "topic/question-id"


class ExerciseSpec(_Strict):
    title: str
    topic: str  # a quiz topic (and usually a demo) this exercise practises
    difficulty: Difficulty
    summary: str  # one line, for lists
    task: str  # what to change, a few sentences; `code` in backticks
    hints: list[str] = Field(min_length=1)  # revealed one at a time
    timeout: float = Field(default=15.0, gt=0, le=120)  # start-up plus every request
    links: Links = Links()
    request: list[Request] = Field(min_length=1)
    openapi: list[OpenAPIExpect] = []

    @model_validator(mode="after")
    def _unique_requests(self) -> ExerciseSpec:
        names = [r.name for r in self.request]
        if len(set(names)) != len(names):
            raise ValueError("request names must be unique")
        return self


class ManifestEntry(_Strict):
    name: str = Field(pattern=NAME)


class Manifest(_Strict):
    """``exercises/info.toml``: every exercise, in the order of the course."""

    exercise: list[ManifestEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Manifest:
        names = [e.name for e in self.exercise]
        if len(set(names)) != len(names):
            raise ValueError("an exercise is listed twice")
        return self


def _problem(path: Path, exc: ValidationError) -> FrcliError:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return FrcliError(f"{path}: {where}: {err['msg']}")


@cache
def load_manifest() -> Manifest:
    path = exercises_dir() / "info.toml"
    try:
        return Manifest.model_validate(read_toml(path))
    except ValidationError as exc:
        raise _problem(path, exc) from None


def exercise_names() -> list[str]:
    """Every exercise in course order."""
    return [e.name for e in load_manifest().exercise]


def resolve(name: str) -> str:
    """The manifest's name for ``name`` (``hide_password``, ``hide_password.py`` and
    ``Hide-Password`` are ``hide-password``); an unknown name exits 2 with a suggestion."""
    key = normal_name(name)
    names = exercise_names()
    if key not in names:
        raise UnknownName("exercise", name, names)
    return key


@cache
def load_spec(name: str) -> ExerciseSpec:
    """One exercise's spec (``exercises/<name>/exercise.toml``), validated."""
    path = exercises_dir() / name / "exercise.toml"
    try:
        return ExerciseSpec.model_validate(read_toml(path))
    except ValidationError as exc:
        raise _problem(path, exc) from None
