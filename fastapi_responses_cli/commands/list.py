"""`frcli list`: every demo with its examples, every quiz topic."""

from __future__ import annotations

import json

from .. import catalog
from ..console import make_console


def list_data() -> dict:
    return {
        "demos": [
            {
                "name": d.name,
                "title": d.title,
                "topic": d.info.topic,
                "examples": [e.name for e in d.info.examples],
                "legacy": d.info.legacy or any(e.legacy for e in d.info.examples),
            }
            for d in catalog.demos().values()
        ],
        "quizzes": [
            {"topic": q.topic, "title": q.title, "questions": q.questions}
            for q in catalog.quiz_topics().values()
        ],
    }


def show_list(*, as_json: bool, no_color: bool) -> int:
    if as_json:
        print(json.dumps(list_data(), indent=2))
        return 0
    from rich.table import Table
    from rich.text import Text

    console = make_console(no_color)
    table = Table(
        title="Demos  (frcli demo NAME [EXAMPLE])",
        title_justify="left",
        show_edge=False,
        pad_edge=False,
        expand=False,
    )
    table.add_column("name", style="bold cyan", no_wrap=True)
    table.add_column("what it shows / examples")
    for d in catalog.demos().values():
        title = Text(d.title)
        if d.info.legacy:
            title.append("  [legacy]", style="yellow")
        names = Text()
        for i, e in enumerate(d.info.examples):
            if i:
                names.append(" ")
            names.append(e.name, style="yellow" if e.legacy else "dim")
        table.add_row(d.name, Text.assemble(title, "\n", names))
    console.print(table)
    console.print()
    quizzes = Table(
        title="Quizzes  (frcli quiz TOPIC)", title_justify="left", show_edge=False, pad_edge=False
    )
    quizzes.add_column("topic", style="bold cyan", no_wrap=True)
    quizzes.add_column("title")
    quizzes.add_column("questions", justify="right")
    for q in catalog.quiz_topics().values():
        quizzes.add_row(q.topic, q.title, str(q.questions))
    if catalog.quiz_topics():
        console.print(quizzes)
    return 0
