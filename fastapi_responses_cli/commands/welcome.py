"""`frcli` alone: what is here and the first command to try."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import catalog
from ..clients import SERVE_BASE
from ..console import make_console
from ..versions import versions_inline

if TYPE_CHECKING:
    from ..quiz.store import Store


def show_welcome() -> int:
    from rich.text import Text

    from ..quiz.store import reading_store

    console = make_console()
    demos = catalog.demos()
    quizzes = catalog.quiz_topics()
    console.print(Text("frcli: watch FastAPI build real HTTP responses", style="bold"))
    console.print(Text(f"running on {versions_inline()}", style="dim"))
    console.print()
    console.print(
        f"{len(demos)} demos, {len(quizzes)} quiz topics "
        f"({sum(q.questions for q in quizzes.values())} questions)."
    )
    with reading_store() as store:  # opened once for the quizzes and the path
        progress = _progress_line(store)
        if progress is not None:
            console.print(progress)
        path = _path_lines(store)
        if path is not None:
            console.print(path, markup=False)
    console.print()
    for cmd, what in [
        (
            "frcli learn",
            "start here: each topic's demo, quiz and exercise"
            if path is None
            else "go on along the path where you stopped",
        ),
        ("frcli demo response-models", "one demo: a real app, a real request, the answer"),
        ("frcli demo streaming", "chunks printed the moment they arrive"),
        ("frcli list", "every demo and quiz topic"),
        ("frcli quiz response-models", "test yourself; progress is remembered"),
        ("frcli serve", f"every demo at {SERVE_BASE}, for a browser"),
    ]:
        line = Text("  ")
        line.append(f"{cmd:<28}", style="bold cyan")
        line.append(what)
        console.print(line)
    return 0


def _path_lines(store: Store | None) -> str | None:
    """Where the learner stands on the path (frcli learn), or None before the first step."""
    from ..curriculum import done_parts, peek_steps, place

    done = done_parts(store)
    if not done:  # not on the path yet: nothing to read
        return None
    steps = peek_steps()
    if not steps:
        return None
    where = place(steps, done)
    if where is None:
        return f"You have walked the whole path ({len(steps)} steps)."
    return (
        f"Your path: step {where.index + 1} of {where.total}, {where.step.title}.\n"
        f"Next: {where.step.describe(where.part)}: frcli learn"
    )


def _progress_line(store: Store | None) -> str | None:
    """Two lines about the learner's quizzes (where they stand, what to do next), or None
    before the first answer."""
    from ..quiz.store import progress_overview

    topics = progress_overview(store=store)
    answered = sum(t["answered"] for t in topics)
    if not answered:
        return None
    total = sum(t["questions"] for t in topics)
    correct = sum(t["correct"] for t in topics)
    due = sum(t["due"] for t in topics)
    lines = [f"Your quizzes: {answered} of {total} questions answered, {correct} right."]
    if due:
        lines.append(f"{due} due for review: frcli quiz --review")
    else:
        untouched = [t["topic"] for t in topics if not t["answered"]]
        if untouched:
            lines.append(f"A topic you have not tried: frcli quiz {untouched[0]}")
    return "\n".join(lines)
