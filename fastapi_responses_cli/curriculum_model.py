"""The pydantic model of ``exercises/path.toml`` (see :mod:`.curriculum`).

    [[step]]
    name = "hide-fields"                  # stable: progress is saved under it
    title = "Response models filter what leaves"
    topic = "response-models"             # the quiz topic
    demo = "response-models"              # optional: the demo to watch, paced
    examples = ["filter", "annotation"]   # optional: these examples only (default: all)
    quiz = 3                              # a count, or question ids: ["hide-a-secret-field"]
    exercise = "hide-password"            # optional

Whether the names exist (demo, examples, questions, exercise) is ``frcli dev check``'s business
(:func:`check_path`): the model checks the shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, model_validator

from .errors import FrcliError
from .exercises.spec import NAME, _Strict


class StepModel(_Strict):
    name: str = Field(pattern=NAME)
    title: str = Field(min_length=1)
    topic: str = Field(pattern=NAME)
    demo: str | None = Field(default=None, pattern=NAME)
    examples: list[str] = Field(default_factory=list)
    quiz: int | list[str] = 0
    exercise: str | None = Field(default=None, pattern=NAME)

    @model_validator(mode="after")
    def _parts(self) -> StepModel:
        if isinstance(self.quiz, int) and self.quiz < 0:
            raise ValueError("quiz: a count must not be negative")
        if isinstance(self.quiz, list) and len(set(self.quiz)) != len(self.quiz):
            raise ValueError("quiz: a question is listed twice")
        if self.examples and self.demo is None:
            raise ValueError("examples need a demo")
        if self.demo is None and not self.quiz and self.exercise is None:
            raise ValueError("a step needs a demo, a quiz or an exercise")
        return self


class PathModel(_Strict):
    step: list[StepModel] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> PathModel:
        names = [s.name for s in self.step]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"step names must be unique: {', '.join(twice)}")
        return self


def validate(data: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    """The step tables, validated; a FrcliError naming the file, the step and the field."""
    try:
        model = PathModel.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = list(err["loc"])
        where = ""
        if len(loc) >= 2 and loc[0] == "step" and isinstance(loc[1], int):
            steps = data.get("step", [])
            name = steps[loc[1]].get("name") if isinstance(steps[loc[1]], dict) else None
            where = f"step {loc[1] + 1}" + (f" ({name})" if name else "")
            loc = loc[2:]
        field = ".".join(str(p) for p in loc if not str(p).startswith(("int", "list[")))
        parts = [str(path), where, field, err["msg"].removeprefix("Value error, ")]
        raise FrcliError(": ".join(p for p in parts if p)) from None
    return [s.model_dump() for s in model.step]


def check_path(path: Path | None = None) -> Iterator[str]:
    """`frcli dev check`: the path file (the shipped one by default) reads, and every demo,
    example, quiz topic and question, and exercise it names exists."""
    from . import catalog
    from .curriculum import load_steps, path_file
    from .exercises.spec import exercise_names, exercises_dir

    where = path or path_file()
    if path is None and not where.parent.is_dir():
        return  # a content tree without exercises (an author's scratch checkout): no path
    try:
        steps = load_steps(where)
    except FrcliError as exc:
        yield exc.message
        return
    demos = catalog.demos()
    topics = catalog.quiz_topics()
    try:
        exercises = set(exercise_names())
    except FrcliError as exc:
        yield exc.message
        exercises = set()
    for n, step in enumerate(steps, start=1):
        at = f"{where}: step {n} ({step.name})"
        if step.demo is not None:
            demo = demos.get(step.demo)
            if demo is None:
                yield f"{at}: demo: no demo '{step.demo}'"
            else:
                known = {e.name for e in demo.meta.examples}
                for ex in step.examples:
                    if ex not in known:
                        yield f"{at}: examples: no example '{ex}' in demo '{step.demo}'"
        if step.topic not in topics:
            yield f"{at}: topic: no quiz topic '{step.topic}'"
        elif isinstance(step.quiz, tuple):
            ids = topics[step.topic].question_ids
            for qid in step.quiz:
                if qid not in ids:
                    yield f"{at}: quiz: no question '{qid}' in topic '{step.topic}'"
        elif step.quiz > topics[step.topic].questions:
            yield (
                f"{at}: quiz: {step.quiz} questions asked, "
                f"topic '{step.topic}' has {topics[step.topic].questions}"
            )
        if step.exercise is not None and (
            step.exercise not in exercises or not (exercises_dir() / step.exercise).is_dir()
        ):
            yield f"{at}: exercise: no exercise '{step.exercise}' in exercises/info.toml"
