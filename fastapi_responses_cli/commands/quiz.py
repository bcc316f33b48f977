"""`frcli quiz` and `frcli progress`: resolve what to ask, open the store, hand over to the flow."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..console import is_interactive
from ..errors import FrcliError, UnknownName
from ..quiz.model import DIFFICULTIES

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output
    from rich.console import Console

    from ..quiz.model import Question, QuizFile
    from ..quiz.store import Store


def _check_difficulty(difficulty: str | None) -> str | None:
    if difficulty is None:
        return None
    key = difficulty.strip().lower()
    if key not in DIFFICULTIES:
        raise UnknownName("difficulty", difficulty, DIFFICULTIES)
    return key


@dataclass(frozen=True)
class Scope:
    """What ``frcli quiz NAME`` asks from: one topic's questions, or those of one demo."""

    name: str | None  # as typed, normalised; None: every topic
    title: str
    items: list[tuple[str, Question]]  # (topic, question)
    mixed: bool  # from several topics: show each question's topic
    quizzes: dict[str, QuizFile]  # the files the items come from, by topic (read once)

    @property
    def keys(self) -> set[tuple[str, str]]:
        return {(t, q.id) for t, q in self.items}

    def command(self, *flags: str) -> str:
        return " ".join(["frcli quiz", *([self.name] if self.name else []), *flags])


def resolve(name: str | None) -> Scope:
    """A quiz topic, or a demo name (the questions whose demo it is, from every topic)."""
    from .. import catalog
    from ..quiz.model import load_all, load_topic

    if name is None:
        quizzes = load_all()
        items = [(t, q) for t, quiz in quizzes.items() for q in quiz.questions]
        return Scope(None, "All topics", items, mixed=True, quizzes=quizzes)
    key = catalog.normal_name(name)
    if catalog.is_quiz_topic(key):
        quiz = load_topic(key)
        items = [(quiz.topic, q) for q in quiz.questions]
        return Scope(key, quiz.title, items, mixed=False, quizzes={quiz.topic: quiz})
    demo = catalog.demos().get(key)
    if demo is None:
        raise catalog.unknown_quiz(name)
    quizzes = load_all()
    items = [(t, q) for t, quiz in quizzes.items() for q in quiz.questions if q.demo == key]
    if not items:
        raise FrcliError(f"no quiz questions use the demo '{key}' yet; see frcli demo {key}")
    return Scope(key, f"{demo.title} (demo {key})", items, mixed=True, quizzes=quizzes)


def run_quiz(
    topic: str | None,
    *,
    count: int | None = None,
    difficulty: str | None = None,
    seed: int | None = None,
    review: bool = False,
    missed: bool = False,
    shuffle: bool = False,
    no_color: bool = False,
    input: Input | None = None,
    output: Output | None = None,
) -> int:
    """Ask a topic's (or a demo's) questions; with ``review``, the due ones (across topics
    without a name); with ``missed``, those whose latest answer was wrong.

    ``input``/``output`` are prompt_toolkit objects for tests; giving ``input`` means
    terminal mode even when stdin is not a terminal.
    """
    from ..quiz import session
    from ..quiz.flow import QuizRun, quiz_console
    from ..quiz.store import Store

    if review and missed:
        raise FrcliError("--review and --missed do not go together: pick one", code=2)
    difficulty = _check_difficulty(difficulty)
    interactive = input is not None or is_interactive()
    console = quiz_console(no_color)

    if topic is None and not (review or missed):
        if not interactive:
            _print_topics(console)
            print("\nfrcli: give a topic, e.g. frcli quiz response-models", file=sys.stderr)
            return 2
        topic = pick_topic(input=input, output=output)
    scope = resolve(topic)

    def ask(asked: list[session.Asked], title: str, detail: str, *, practice: bool) -> int:
        _banner(console, title, detail, interactive)
        QuizRun(
            console,
            store,
            asked,
            interactive=interactive,
            show_topic=scope.mixed,
            no_color=no_color,
            again_command=scope.command("--missed"),
            practice=practice,
            seed=seed,
            input=input,
            output=output,
        ).run()
        return 0

    with Store() as store:
        store.check_writable()  # a read-only file: say so before anything is asked
        if review:
            keys = scope.keys  # a set built per call: once, not per due question
            due = [d for d in store.due_questions() if (d.topic, d.question) in keys]
            quizzes = _by_topic(scope)
            asked = session.plan_review(
                quizzes,
                [(d.topic, d.question) for d in due],
                count=count,
                difficulty=difficulty,
                seed=seed,
                order="shuffle" if shuffle else "ramp",
            )
            if not asked and due and difficulty:
                console.print(f"No {difficulty} questions are due; {len(due)} of other levels are.")
                return 0
            if not asked:
                console.print(_nothing_due(store, scope))
                return 0
            plural = "s" * (len(asked) != 1)
            return ask(asked, f"Review: {len(asked)} question{plural} due", "", practice=False)

        if missed:
            lookup = {(t, q.id): (t, q) for t, q in scope.items}
            items = [lookup[key] for key in store.missed() if key in lookup]
            asked = session.plan(
                items, count=count, difficulty=difficulty, seed=seed, shuffle=shuffle
            )
            where = f" in '{scope.name}'" if scope.name else ""
            if not asked:
                console.print(f"Nothing missed{where}: every latest answer is right.")
                return 0
            n = "the one" if len(asked) == 1 else f"the {len(asked)}"
            title = f"Again: {n} you missed{where}"
            return ask(asked, title, "practice: the schedule stays", practice=True)

        asked = session.plan(
            scope.items,
            count=count,
            difficulty=difficulty,
            seed=seed,
            shuffle=shuffle,
            schedule=store.schedule(),
        )
        if not asked:
            raise FrcliError(f"no {difficulty} questions in '{scope.name}'")
        size = len(scope.items)
        of = f"{len(asked)} of {size} questions" if len(asked) < size else f"{size} questions"
        extra = [of]
        if difficulty:
            extra.append(difficulty)
        if shuffle:
            extra.append("shuffled")
        if seed is not None:
            extra.append(f"seed {seed}")
        return ask(asked, scope.title, " · ".join(extra), practice=False)


def _by_topic(scope: Scope) -> dict[str, QuizFile]:
    """The scope's questions as quiz files, for :func:`session.plan_review`."""
    from dataclasses import replace

    keys = scope.keys
    return {
        t: replace(quiz, questions=tuple(q for q in quiz.questions if (t, q.id) in keys))
        for t, quiz in scope.quizzes.items()
    }


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


def _nothing_due(store: Store, scope: Scope) -> str:
    from ..quiz.flow import when

    keys = scope.keys
    upcoming = sorted(t for key, t in store.schedule().items() if key in keys)
    where = f" in '{scope.name}'" if scope.name else ""
    if not upcoming:
        return (
            f"Nothing to review{where} yet: answer some first (frcli quiz {scope.name or 'TOPIC'})."
        )
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
