"""The shape of demo metadata, validated with pydantic.

A demo module (``demos/<name>.py``) holds a FastAPI ``app`` and a module-level ``META`` dict
literal. The catalog reads ``META`` with :func:`ast.literal_eval`, so listing demos never
imports FastAPI or runs demo code.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Strict):
    """One request a demo sends, and what the learner should notice in the answer."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    method: Method = "GET"
    path: str = Field(pattern=r"^/")
    headers: dict[str, str] = {}
    json_body: object | None = Field(default=None, alias="json")
    body: str | None = None
    route: list[str] = Field(min_length=1)
    notice: str
    legacy: bool = False
    follow_redirects: bool = False
    # Bounds for endless or huge streams: reading stops at whichever comes first.
    max_seconds: float = Field(default=10.0, gt=0, le=60)
    max_chunks: int | None = Field(default=None, gt=0)
    max_bytes: int | None = Field(default=None, gt=0)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("route", mode="before")
    @classmethod
    def _one_or_many(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _one_body(self) -> Example:
        if self.json_body is not None and self.body is not None:
            raise ValueError("give either 'json' or 'body', not both")
        return self


class DemoMeta(_Strict):
    title: str
    summary: str
    topic: str
    legacy: bool = False
    quizzes: list[str] = []
    examples: list[Example] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_examples(self) -> DemoMeta:
        seen: set[str] = set()
        for ex in self.examples:
            if ex.name in seen:
                raise ValueError(f"example name {ex.name!r} is used twice")
            seen.add(ex.name)
        return self

    def example(self, name: str) -> Example | None:
        return next((e for e in self.examples if e.name == name), None)
