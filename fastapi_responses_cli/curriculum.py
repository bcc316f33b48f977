"""The learning path (``exercises/path.toml``): steps, their parts, and where a learner stands.

Each step is one topic: its demo (paced), a few quiz questions, its exercise; the parts a step
has run in that order. The learner's place is the first part not yet done (the progress store
keeps the done ones), so a step added to the path later is still visited, and a removed one is
simply gone.

Light to import (no pydantic; tomllib when the file is read): the welcome screen reads the
next step from here, and only once the learner has done a part. The pydantic
model that validates the file is :mod:`.curriculum_model`, used by ``frcli learn`` and
``frcli dev check``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import FrcliError

if TYPE_CHECKING:
    from .quiz.store import Store

PATH_FILE = "path.toml"
PARTS = ("demo", "quiz", "exercise")  # the order of a step's parts


def _exercises_dir() -> Path:
    """Where the path file lives (the exercises content); a seam tests point elsewhere."""
    from .catalog import exercises_dir

    return exercises_dir()


def path_file() -> Path:
    return _exercises_dir() / PATH_FILE


@dataclass(frozen=True)
class Step:
    name: str  # stable: progress is saved under it
    title: str
    topic: str  # the quiz topic
    demo: str | None = None
    examples: tuple[str, ...] = ()  # empty: every example of the demo
    quiz: int | tuple[str, ...] = 0  # how many questions, or which ones (ids in the topic)
    exercise: str | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        have = {
            "demo": self.demo is not None,
            "quiz": bool(self.quiz),
            "exercise": bool(self.exercise),
        }
        return tuple(p for p in PARTS if have[p])

    @property
    def quiz_count(self) -> int:
        return self.quiz if isinstance(self.quiz, int) else len(self.quiz)

    def describe(self, part: str) -> str:
        """A part in a few words: 'the demo', 'the quiz (3 questions)', 'the exercise x'."""
        if part == "demo":
            n = len(self.examples)
            return f"the demo {self.demo}" + (f" ({n} example{'s' * (n != 1)})" if n else "")
        if part == "quiz":
            n = self.quiz_count
            return f"the quiz ({n} question{'s' * (n != 1)})"
        return f"the exercise {self.exercise}"

    def command(self, part: str) -> str:
        """The part as a command to type by hand."""
        if part == "demo":
            return f"frcli demo {self.demo}"
        if part == "quiz":
            return f"frcli quiz {self.topic} -n {self.quiz_count}"
        return f"frcli exercise start {self.exercise}"


def step_from(data: Mapping[str, Any]) -> Step:
    """A step from its (already validated) table."""
    quiz = data.get("quiz", 0)
    return Step(
        name=data["name"],
        title=data["title"],
        topic=data["topic"],
        demo=data.get("demo"),
        examples=tuple(data.get("examples", ())),
        quiz=quiz if isinstance(quiz, int) else tuple(quiz),
        exercise=data.get("exercise"),
    )


def read_raw(path: Path | None = None) -> dict[str, Any]:
    from .catalog import read_toml

    return read_toml(path or path_file())


def load_steps(path: Path | None = None) -> list[Step]:
    """The path's steps, validated (a one-line FrcliError names the first problem)."""
    from .curriculum_model import validate

    path = path or path_file()
    return [step_from(s) for s in validate(read_raw(path), path)]


def peek_steps() -> list[Step]:
    """The steps without pydantic, for the welcome screen: steps that do not read are skipped,
    a file that does not read is an empty path (``frcli dev check`` reports both)."""
    try:
        raw = read_raw()
    except FrcliError:
        return []
    steps = []
    for data in raw.get("step", []):
        try:
            steps.append(step_from(data))
        except (KeyError, TypeError, AttributeError):
            continue
    return steps


@dataclass(frozen=True)
class Place:
    """Where the learner stands: step ``index`` (0-based) of ``total``, at ``part``."""

    step: Step
    index: int
    total: int
    part: str

    def __str__(self) -> str:
        step = self.step
        return f"step {self.index + 1} of {self.total}, {step.title}: {step.describe(self.part)}"


def place(steps: list[Step], done: Iterable[tuple[str, str]]) -> Place | None:
    """The first part of the path not done yet; None when the whole path is done."""
    finished = set(done)
    for i, step in enumerate(steps):
        for part in step.parts:
            if (step.name, part) not in finished:
                return Place(step, i, len(steps), part)
    return None


def done_parts(store: Store | None = None) -> set[tuple[str, str]]:
    """The (step, part) pairs the learner has done, read without creating the store (or from
    ``store``, the one the command has open)."""
    from .quiz.store import reading_store

    with reading_store(store) as opened:
        return opened.path_done() if opened is not None else set()
