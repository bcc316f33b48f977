"""`frcli` alone: what is here and the first command to try."""

from __future__ import annotations

from . import catalog
from .console import make_console
from .versions import versions_inline


def show_welcome() -> int:
    from rich.text import Text

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
    console.print()
    for cmd, what in [
        ("frcli demo response-models", "start here: a real app, a real request, the answer"),
        ("frcli demo streaming", "chunks printed the moment they arrive"),
        ("frcli list", "every demo and quiz topic"),
        ("frcli quiz response-models", "test yourself; progress is remembered"),
        ("frcli serve", "every demo on http://127.0.0.1:8000 for a browser or curl"),
    ]:
        line = Text("  ")
        line.append(f"{cmd:<28}", style="bold cyan")
        line.append(what)
        console.print(line)
    return 0
