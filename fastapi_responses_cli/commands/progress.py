"""`frcli progress`: what the learner has answered, and what is due for review."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..console import is_interactive
from ..errors import FrcliError

if TYPE_CHECKING:
    from pathlib import Path

    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output
    from rich.console import Console
    from rich.text import Text

    from ..quiz.store import Store


def show_progress(
    *,
    as_json: bool = False,
    reset: bool = False,
    yes: bool = False,
    no_color: bool = False,
    input: Input | None = None,
    output: Output | None = None,
) -> int:
    from ..quiz.store import Store, db_path, progress_state, reading_store

    path = db_path()
    if reset:
        interactive = input is not None or is_interactive()
        if not yes and not interactive:
            # `frcli progress --reset | cat` or a script: nobody to ask, so nothing is wiped
            # unless the command line says so.
            raise FrcliError(
                "progress --reset needs a terminal to ask on; add --yes to forget every answer "
                "without asking",
                code=2,
            )
        if not yes and path.exists():
            import questionary

            sure = questionary.confirm(
                f"Forget every answer saved in {path}?", default=False, input=input, output=output
            ).unsafe_ask()
            if not sure:
                print("Kept your progress.")
                return 0
        forgotten = 0
        if path.exists():
            with Store() as store:
                forgotten = store.reset()
        print(f"Progress forgotten ({forgotten} answer{'s' * (forgotten != 1)}).")
        return 0

    with reading_store() as store:  # opened once for the quizzes and the exercises
        rows, read_only = progress_state(store=store)
        exercises = _exercise_rows(store)
    if as_json:
        # read_only: why no new answer can be saved ("read-only file", "read-only folder", ...),
        # or null when one can.
        out = {"database": str(path), "topics": rows, "exercises": exercises}
        print(json.dumps({**out, "read_only": read_only}, indent=2))
        return 0

    from rich.table import Table
    from rich.text import Text

    from ..console import make_console
    from ..quiz.when import when

    now = datetime.now(UTC)
    console = make_console(no_color)
    table = Table(title="Quiz progress", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("topic", style="bold cyan", no_wrap=True)
    table.add_column("answered", justify="right")
    table.add_column("right", justify="right")
    table.add_column("last practised")
    table.add_column("due for review")
    for r in rows:
        if r["due"]:
            due = Text(f"{r['due']} now", style="bold yellow")
        elif r["next_due"]:
            due = Text(when(datetime.fromisoformat(r["next_due"]), now), style="dim")
        else:
            due = Text("-", style="dim")
        table.add_row(
            r["topic"],
            f"{r['answered']}/{r['questions']}",
            str(r["correct"]) if r["answered"] else "-",
            when(datetime.fromisoformat(r["last_practised"]), now, due=False)
            if r["last_practised"]
            else "never",
            due,
        )
    console.print(table)
    console.print()
    if exercises:
        _exercise_table(console, exercises)
    total_due = sum(r["due"] for r in rows)
    if total_due:
        console.print(f"{total_due} due now: frcli quiz --review")
    console.print(_where(path, read_only), overflow="fold")
    return 0


def _where(path: Path, read_only: str | None) -> Text:
    """The last line: where progress is kept, and whether a new answer can be saved there."""
    from rich.text import Text

    if read_only is not None:
        where = (
            f"Saved in {path}, read-only ({read_only}): new answers cannot be saved there"
            if path.exists()
            else f"Nothing answered yet, and answers cannot be saved in {path} ({read_only})"
        )
        return Text(where, style="yellow")
    where = (
        f"Saved in {path}  (frcli progress --reset forgets it)"
        if path.exists()
        else f"Nothing answered yet; answers will be kept in {path}"
    )
    return Text(where, style="dim")


def _exercise_rows(store: Store | None) -> list[dict]:
    """Every exercise's progress (state, checks, passes, hints taken), in course order."""
    from ..catalog import exercise_titles
    from ..exercises.state import exercise_progress

    try:
        titles = exercise_titles()
    except FrcliError:  # a broken manifest is `frcli dev check`'s to report
        return []
    progress = exercise_progress(titles, store)
    return [{**p.to_json(), "title": titles[name]} for name, p in progress.items()]


def _exercise_table(console: Console, rows: list[dict]) -> None:
    from rich.table import Table
    from rich.text import Text

    done = sum(r["state"] == "done" for r in rows)
    table = Table(
        title=f"Exercises ({done} of {len(rows)} done)",
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("exercise", style="bold cyan", no_wrap=True)
    table.add_column("state", no_wrap=True)
    table.add_column("checks", justify="right")
    table.add_column("hints", justify="right")
    style = {"done": "green", "failing": "yellow", "not started": "dim"}
    for r in rows:
        table.add_row(
            r["name"],
            Text(r["state"], style=style.get(r["state"], "")),
            str(r["checks"]) if r["checks"] else "-",
            str(r["hints"]) if r["hints"] else "-",
        )
    console.print(table)
    console.print()
