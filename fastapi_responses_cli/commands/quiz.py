"""`frcli quiz` and `frcli progress`: resolve what to ask, open the store, hand over to the flow."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ..console import is_interactive
from ..errors import FrcliError, UnknownName
from ..quiz.model import DIFFICULTIES

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output
    from rich.console import Console

    from ..quiz.store import Store


def _check_difficulty(difficulty: str | None) -> str | None:
    if difficulty is None:
        return None
    key = difficulty.strip().lower()
    if key not in DIFFICULTIES:
        raise UnknownName("difficulty", difficulty, DIFFICULTIES)
    return key


def run_quiz(
    topic: str | None,
    *,
    count: int | None = None,
    difficulty: str | None = None,
    seed: int | None = None,
    review: bool = False,
    no_color: bool = False,
    input: Input | None = None,
    output: Output | None = None,
) -> int:
    """Ask a topic's questions (or, with ``review``, the due ones across topics).

    ``input``/``output`` are prompt_toolkit objects for tests; giving ``input`` means
    terminal mode even when stdin is not a terminal.
    """
    from ..quiz import session
    from ..quiz.flow import QuizRun, quiz_console
    from ..quiz.model import load_all, load_topic
    from ..quiz.store import Store

    difficulty = _check_difficulty(difficulty)
    interactive = input is not None or is_interactive()
    console = quiz_console(no_color)

    if review:
        if topic:
            one = load_topic(topic)
            topic, quizzes = one.topic, {one.topic: one}
        else:
            quizzes = load_all()
        with Store() as store:
            store.check_writable()  # a read-only file: say so before anything is asked
            due = store.due_questions(topic=topic)
            asked = session.plan_review(
                quizzes,
                [(d.topic, d.question) for d in due],
                count=count,
                difficulty=difficulty,
                seed=seed,
            )
            if not asked and due and difficulty:
                console.print(f"No {difficulty} questions are due; {len(due)} of other levels are.")
                return 0
            if not asked:
                console.print(_nothing_due(store, topic))
                return 0
            plural = "s" * (len(asked) != 1)
            _banner(console, f"Review: {len(asked)} question{plural} due", "", interactive)
            QuizRun(
                console,
                store,
                asked,
                interactive=interactive,
                show_topic=True,
                no_color=no_color,
                input=input,
                output=output,
            ).run()
        return 0

    if topic is None:
        if not interactive:
            _print_topics(console)
            print("\nfrcli: give a topic, e.g. frcli quiz response-models", file=sys.stderr)
            return 2
        topic = pick_topic(input=input, output=output)
    quiz = load_topic(topic)
    with Store() as store:
        store.check_writable()
        schedule = {q: t for (_, q), t in store.schedule(quiz.topic).items()}
        asked = session.plan(quiz, count=count, difficulty=difficulty, seed=seed, schedule=schedule)
        if not asked:
            raise FrcliError(f"no {difficulty} questions in '{quiz.topic}'")
        size = len(quiz.questions)
        of = f"{len(asked)} of {size} questions" if len(asked) < size else f"{size} questions"
        extra = [of]
        if difficulty:
            extra.append(difficulty)
        if seed is not None:
            extra.append(f"seed {seed}")
        _banner(console, quiz.title, " · ".join(extra), interactive)
        QuizRun(
            console,
            store,
            asked,
            interactive=interactive,
            show_topic=False,
            no_color=no_color,
            input=input,
            output=output,
        ).run()
    return 0


def _banner(console: Console, title: str, detail: str, interactive: bool) -> None:
    from rich.text import Text

    line = Text(title, style="bold")
    if detail:
        line.append(f"  {detail}", style="dim")
    console.print(line)
    if interactive:
        console.print(
            Text("Ctrl-C stops at any time; every answer is saved as you go.", style="dim")
        )


def _nothing_due(store: Store, topic: str | None) -> str:
    from ..quiz.flow import when

    upcoming = sorted(t for (tp, _), t in store.schedule().items() if topic is None or tp == topic)
    where = f" in '{topic}'" if topic else ""
    if not upcoming:
        return f"Nothing to review{where} yet: answer some first (frcli quiz {topic or 'TOPIC'})."
    return f"Nothing is due for review{where}. Next review {when(upcoming[0])}."


def _topic_rows() -> list[dict]:
    from ..quiz.store import progress_overview

    return progress_overview()


def _print_topics(console: Console) -> None:
    from rich.table import Table

    table = Table(
        title="Quiz topics  (frcli quiz TOPIC)",
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("topic", style="bold cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("answered", justify="right")
    table.add_column("due", justify="right")
    for row in _topic_rows():
        table.add_row(
            row["topic"], row["title"], f"{row['answered']}/{row['questions']}", str(row["due"])
        )
    console.print(table)


def pick_topic(input: Input | None = None, output: Output | None = None) -> str:
    """Arrow-key picker over the topics, each with its progress."""
    import questionary

    rows = _topic_rows()
    if not rows:
        raise FrcliError("no quiz files found")
    width = max(len(r["topic"]) for r in rows) + 2
    title_width = max(len(r["title"]) for r in rows) + 2
    choices = []
    for r in rows:
        progress = f"{r['answered']}/{r['questions']} answered"
        if r["answered"]:
            progress += f", {r['correct']} right"
        if r["due"]:
            progress += f", {r['due']} due"
        choices.append(
            questionary.Choice(
                title=f"{r['topic']:<{width}}{r['title']:<{title_width}}{progress}",
                value=r["topic"],
            )
        )
    return questionary.select(
        "Which topic?", choices=choices, input=input, output=output
    ).unsafe_ask()
