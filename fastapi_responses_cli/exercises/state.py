"""Exercise progress, kept in the quizzes' SQLite store (``exercise_events``).

Every check's verdict, every hint taken, every start, reset and solution shown is one row,
committed when it happens. The state of an exercise is read from its rows after its last reset:
"done" once a check passed, "failing" once it was started or checked, else "not started".

Reading never creates the database. Writing problems (a store busy beyond its timeout, a disk
that refuses) are said in one line on stderr and the command goes on: progress is a record,
not a reason to fail a check.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..quiz.store import Store

NOT_STARTED, FAILING, DONE = "not started", "failing", "done"


@dataclass
class ExerciseProgress:
    name: str
    state: str = NOT_STARTED
    checks: int = 0  # verdicts since the last reset
    passes: int = 0
    hints: int = 0  # hints taken since the last reset
    last_check: str | None = None  # ISO time, UTC
    done_at: str | None = None  # the first pass since the last reset

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "state": self.state,
            "checks": self.checks,
            "passes": self.passes,
            "hints": self.hints,
            "last_check": self.last_check,
            "done_at": self.done_at,
        }


def _events(exercise: str | None = None, store: Store | None = None) -> list[dict[str, Any]]:
    from ..errors import FrcliError
    from ..quiz.store import reading_store

    try:
        with reading_store(store) as opened:
            return opened.exercise_events(exercise) if opened is not None else []
    except (sqlite3.Error, FrcliError) as exc:
        message = exc.message if isinstance(exc, FrcliError) else str(exc)
        print(f"frcli: cannot read exercise progress: {message}", file=sys.stderr)
        return []


def exercise_progress(
    names: Iterable[str] | None = None, store: Store | None = None
) -> dict[str, ExerciseProgress]:
    """Every exercise of the manifest, in course order, with its progress. ``names``: the
    course's names when the caller has them already (``catalog.exercise_titles()``);
    ``store``: the progress store when the caller has it open."""
    if names is None:
        from ..catalog import exercise_titles

        names = exercise_titles()
    out = {name: ExerciseProgress(name) for name in names}
    for event in _events(store=store):
        p = out.get(event["exercise"])
        if p is None:
            continue  # an exercise that is no longer in the course
        kind = event["kind"]
        if kind == "reset":
            out[p.name] = ExerciseProgress(p.name)
            continue
        if kind == "start" and p.state == NOT_STARTED:
            p.state = FAILING
        elif kind == "hint":
            p.hints += 1
        elif kind == "check":
            p.checks += 1
            p.last_check = event["at"]
            if event["passed"]:
                p.passes += 1
                p.state = DONE
                p.done_at = p.done_at or event["at"]
            elif p.state != DONE:
                p.state = FAILING
    return out


def exercise_states(store: Store | None = None) -> dict[str, str]:
    """name -> "not started", "failing" or "done", for every exercise in course order."""
    return {name: p.state for name, p in exercise_progress(store=store).items()}


def next_exercise(after: str | None = None) -> str | None:
    """The first exercise not done (after ``after`` in course order, wrapping round), if any."""
    states = exercise_states()
    names = list(states)
    if after in names:
        i = names.index(after)
        names = names[i + 1 :] + names[: i + 1]
    return next((n for n in names if states[n] != DONE and n != after), None)


def record(exercise: str, kind: str, *, passed: bool | None = None, **detail: Any) -> None:
    """Save one event; a problem with the store is one line on stderr, never an exception."""
    from ..errors import FrcliError
    from ..quiz.store import Store

    try:
        with Store() as store:
            store.record_exercise(exercise, kind, passed=passed, detail=detail)
    except (sqlite3.Error, FrcliError, OSError) as exc:
        message = exc.message if isinstance(exc, FrcliError) else str(exc)
        print(f"frcli: progress not saved ({message})", file=sys.stderr)


def hints_taken(exercise: str) -> int:
    return exercise_progress()[exercise].hints
