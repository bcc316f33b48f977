"""What a quiz question must be, checked with pydantic (only when a file is read afresh).

:func:`.model.parse_quiz` validates each ``[[questions]]`` table with :class:`QuestionSchema`
and keeps the result as a plain :class:`.model.Question`; a test holds the two to the same
fields.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .model import ID_PATTERN

__all__ = ["QuestionSchema", "ValidationError"]


class QuestionSchema(BaseModel):
    """One multiple-choice question. ``right`` and ``wrong`` are shuffled together when asked."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN, max_length=60)
    difficulty: Literal["easy", "medium", "hard"]
    # "single": exactly one right choice. "multi": pick every right one (at least one).
    kind: Literal["single", "multi"] = "single"
    # "fact": the answer is FastAPI's behaviour, and tests/quiz/test_facts.py proves it on the
    # referenced example. "advice": a design choice, shown by the example but not a wire fact.
    claim: Literal["fact", "advice"] = "fact"
    question: str = Field(min_length=10)
    right: list[str] = Field(min_length=1)
    wrong: list[str] = Field(default_factory=list)
    explanation: str = Field(min_length=20)
    demo: str = Field(pattern=ID_PATTERN)
    example: str = Field(pattern=ID_PATTERN)
    # Where the question came from, for the seed coverage test (e.g. "001:exclude-unset").
    source: str | None = None

    @field_validator("question", "explanation")
    @classmethod
    def _strip(cls, v: str) -> str:
        return v.strip()

    @field_validator("right", "wrong")
    @classmethod
    def _choices(cls, v: list[str]) -> list[str]:
        out = [c.strip() for c in v]
        if any(not c for c in out):
            raise ValueError("a choice is empty")
        return out
