"""From a quiz question to the keyboard: the exercise that practises it, offered after the
explanation ("Try it: frcli exercise start hide-password"), and suggested after a wrong answer.

Which exercise is content, not code: the one whose spec lists the question in ``links.quiz``
(``"topic/question-id"``), else the first in the course order whose ``topic`` is the
question's topic. Specs are read with tomllib only, once; one that does not read is skipped
here (``frcli dev check`` reports it).
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text


@cache
def _exercises() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(name, topic, linked "topic/id" questions) of every exercise, in the course order."""
    from ..curriculum import _exercises_dir

    root = _exercises_dir()
    try:
        manifest = tomllib.loads((root / "info.toml").read_text(encoding="utf-8-sig"))
        names = [e["name"] for e in manifest.get("exercise", [])]
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, KeyError, TypeError):
        return ()
    out = []
    for name in names:
        try:
            spec = tomllib.loads((root / name / "exercise.toml").read_text(encoding="utf-8-sig"))
            links = spec.get("links", {}).get("quiz", [])
            out.append((name, str(spec["topic"]), frozenset(str(q) for q in links)))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, KeyError, AttributeError):
            continue
    return tuple(out)


def exercise_for(topic: str, question: str) -> str | None:
    """The exercise that practises ``question`` of ``topic``, or None."""
    found = _exercises()
    key = f"{topic}/{question}"
    linked = next((name for name, _, quiz in found if key in quiz), None)
    return linked or next((name for name, t, _ in found if t == topic), None)


def _state(name: str) -> str:
    """ "not started", "failing" or "done" (the exercise engine's progress)."""
    from ..errors import FrcliError
    from ..exercises.state import exercise_states

    try:
        return exercise_states().get(name, "not started")
    except FrcliError:  # an exercise manifest that does not read: dev check says so, not the quiz
        return "not started"


def offer_line(topic: str, question: str, correct: bool) -> Text | None:
    """The line to print after a question's explanation, or None (no exercise, or solved)."""
    from rich.text import Text

    name = exercise_for(topic, question)
    if name is None:
        return None
    state = _state(name)
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
