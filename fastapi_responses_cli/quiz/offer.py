"""From a quiz question to the keyboard: the exercise that practises it, offered after the
explanation ("Try it: frcli exercise start hide-password"), and suggested after a wrong answer.

Which exercise is content, not code: the one whose spec lists the question in ``links.quiz``
(``"topic/question-id"``), else the first in the course order whose ``topic`` is the
question's topic. Specs are read with tomllib only, once; one that does not read is skipped
here (``frcli dev check`` reports it).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..errors import FrcliError

if TYPE_CHECKING:
    from rich.text import Text

    from .store import Store


@cache
def _exercises() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(name, topic, linked "topic/id" questions) of every exercise, in the course order."""
    from ..catalog import read_toml
    from ..curriculum import _exercises_dir

    root = _exercises_dir()
    try:
        names = [e["name"] for e in read_toml(root / "info.toml").get("exercise", [])]
    except (FrcliError, KeyError, TypeError):
        return ()  # an offer is a nicety: broken content is dev check's to report
    out = []
    for name in names:
        try:
            spec = read_toml(root / name / "exercise.toml")
            links = spec.get("links", {}).get("quiz", [])
            out.append((name, str(spec["topic"]), frozenset(str(q) for q in links)))
        except (FrcliError, KeyError, AttributeError):
            continue
    return tuple(out)


def exercise_for(topic: str, question: str) -> str | None:
    """The exercise that practises ``question`` of ``topic``, or None."""
    found = _exercises()
    key = f"{topic}/{question}"
    linked = next((name for name, _, quiz in found if key in quiz), None)
    return linked or next((name for name, t, _ in found if t == topic), None)


def _state(name: str, store: Store | None = None) -> str:
    """ "not started", "failing" or "done" (the exercise engine's progress)."""
    from ..exercises.state import exercise_states

    try:
        return exercise_states(store).get(name, "not started")
    except FrcliError:  # an exercise manifest that does not read: dev check says so, not the quiz
        return "not started"


def offer_line(topic: str, question: str, correct: bool, store: Store | None = None) -> Text | None:
    """The line to print after a question's explanation, or None (no exercise, or solved).
    ``store``: the quiz's own, open already (the exercises' progress is read from it)."""
    from rich.text import Text

    name = exercise_for(topic, question)
    if name is None:
        return None
    state = _state(name, store)
    if state == "done":
        return None
    if state == "failing":  # started, not passing yet: the learner's file is there
        label, command = "Your exercise on this: ", f"frcli exercise watch {name}"
    elif correct:
        label, command = "Try it: ", f"frcli exercise start {name}"
    else:
        label, command = "Missed it? Write it yourself: ", f"frcli exercise start {name}"
    line = Text(label, style="bold yellow" if not correct else "dim")
    line.append(command, style="bold cyan")
    return line
