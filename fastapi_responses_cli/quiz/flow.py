"""Asking the questions: arrow keys in a terminal (questionary), numbers on stdin otherwise.

Both modes print the same things through one rich console (no escape codes when the output is
not a terminal, or with ``--no-color`` / ``NO_COLOR``): the question, right or wrong, the
explanation, the demo that shows it, and the score. Each answer is saved before the next
question appears; Ctrl-C prints the score so far and propagates (cli.py exits 130).
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TextIO

from .session import Asked, Result, Score, blocks, parse_answer
from .session import again as session_again
from .when import when  # the score says when reviews are due

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output
    from rich.console import Console, RenderableType
    from rich.text import Text

    from .store import Store

DIFFICULTY_STYLE = {"easy": "green", "medium": "yellow", "hard": "red"}


# -- drawing (shared by both modes) ----------------------------------------------------------
def quiz_console(no_color: bool) -> Console:
    from ..console import make_console

    return make_console(no_color)  # plain output has its padding trimmed there


def inline(text: str, color: bool) -> Text:
    """`code` spans styled in a terminal; in plain text the backticks stay, they carry meaning."""
    from rich.text import Text

    if not color:
        return Text(text)
    out = Text()
    for i, part in enumerate(text.split("`")):
        out.append(part, style="bold cyan" if i % 2 else "")
    return out


def print_blocks(console: Console, text: str, *, indent: int = 0) -> None:
    from rich.padding import Padding

    color = console.color_system is not None
    for i, block in enumerate(blocks(text)):
        if i:
            console.print()
        if block.kind == "code":
            body: RenderableType
            if color:
                from rich.syntax import Syntax  # only here: 12 ms to import, most runs never do

                body = Syntax(block.text, "python", theme="ansi_dark", background_color="default")
            else:
                from rich.text import Text

                body = Text(block.text)
            console.print(Padding(body, (0, 0, 0, indent + 4), expand=False))
        elif indent:
            console.print(Padding(inline(block.text, color), (0, 0, 0, indent), expand=False))
        else:
            console.print(inline(block.text, color))


def print_question(console: Console, asked: Asked, number: int, total: int, *, topic: bool) -> None:
    from rich.rule import Rule
    from rich.text import Text

    q = asked.question
    right = Text(f"{asked.topic} · " if topic else "", style="dim")
    right.append(q.difficulty, style=DIFFICULTY_STYLE[q.difficulty])
    if asked.multi:
        right.append(" · pick all that apply", style="bold")
    title = Text(f"Question {number} of {total}  ", style="bold")
    title.append_text(right)
    console.print()
    console.print(Rule(title, align="left", style="magenta"))
    print_blocks(console, q.question)


def print_choices(
    console: Console, asked: Asked, indices: list[int] | None = None, style: str = "bold"
) -> None:
    """Numbered choices; a long one wraps under its own text, not under the number."""
    from rich.table import Table

    color = console.color_system is not None
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", width=4, style=style, no_wrap=True)
    grid.add_column()
    for i in indices if indices is not None else range(len(asked.choices)):
        grid.add_row(f"{i + 1})", inline(asked.choices[i], color))
    console.print(grid)


def print_feedback(console: Console, result: Result, store: Store | None = None) -> None:
    from rich.text import Text

    asked = result.asked
    console.print()
    if result.correct:
        console.print(Text("Right.", style="bold green"))
    elif asked.multi and set(result.chosen) & asked.right:
        # Partly right: say what was left out and what should not have been picked.
        console.print(Text("Partly right.", style="bold yellow"))
        left_out, wrong = result.left_out(), result.picked_wrongly()
        if left_out:
            console.print(Text("You left out:", style="bold"))
            print_choices(console, asked, left_out, style="bold green")
        if wrong:
            console.print(Text("Not right, yet picked:", style="bold"))
            print_choices(console, asked, wrong, style="bold red")
    else:
        head = Text("Not quite. ", style="bold red")
        rights = asked.right_choices()
        head.append("The answers are:" if len(rights) > 1 else "The answer is:", style="bold")
        console.print(head)
        print_choices(console, asked, sorted(asked.right), style="bold green")
    console.print()
    print_blocks(console, asked.question.explanation)
    console.print()
    see = Text("See it live: ", style="dim")
    see.append(asked.demo_command, style="bold cyan")
    console.print(see)
    from .offer import offer_line  # the exercise that practises this question, if any

    offer = offer_line(asked.topic, asked.question.id, result.correct, store)
    if offer is not None:
        console.print(offer)


LINE_WIDTH = 76  # a question named in a list: indented by 2, within 80 columns


def first_line(text: str, width: int = LINE_WIDTH) -> str:
    """A question's opening words, one line at most ``width`` long, to name it in a list (its
    id means nothing to a learner): the first paragraph, cut at a word with "..." if longer."""
    first = next(iter(blocks(text)), None)
    line = first.text.splitlines()[0] if first else ""
    if len(line) > width:
        line = line[: width - 3].rsplit(" ", 1)[0].rstrip(",;:.") + "..."
    if line.count("`") % 2:  # a `code` span cut in half: close it
        line = line.replace("...", "`...") if line.endswith("...") else line + "`"
    return line


def print_score(
    console: Console,
    score: Score,
    *,
    stopped: str | None,
    review_hint: str,
    title: str = "Score",
    retry_hint: str | None = None,
) -> None:
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    color = console.color_system is not None

    console.print()
    console.print(Rule(Text(title, style="bold"), align="left", style="magenta"))
    if stopped:
        console.print(Text(stopped, style="dim"))
    if not score.total:
        console.print("No questions answered.")
        return
    pct = round(100 * score.right / score.total)
    console.print(Text(f"{score.right} of {score.total} right ({pct}%)", style="bold"))
    for diff, (right, asked) in score.by_difficulty().items():
        line = Text("  ")
        line.append(f"{diff:<7}", style=DIFFICULTY_STYLE[diff])
        line.append(f" {right} of {asked}")
        console.print(line)
    missed = score.missed()
    if missed:
        console.print()
        console.print("To look at again:")
        for r in missed:
            line = inline(first_line(r.asked.question.question), color)
            console.print(Padding(line, (0, 0, 0, 2)))
            console.print(Text(f"    {r.asked.demo_command}", style="cyan"), overflow="fold")
        if retry_hint:
            console.print()
            console.print(Text(retry_hint, style="bold"))
    console.print()
    console.print(Text(review_hint, style="dim"))


def choice_title(text: str) -> str:
    """A questionary title. Plain str only: questionary draws shortcuts ("1) ") and the
    highlight for str titles but not for styled ones, so `code` loses its backticks here."""
    return text.replace("`", "")


def _n_missed(n: int) -> str:
    return "one you missed" if n == 1 else f"{n} you missed"


# -- the two modes --------------------------------------------------------------------------
class QuizRun:
    """Asks ``asked`` in order, saving each answer to ``store`` as it is given.

    After a round with wrong answers it offers, in a terminal, to ask those again at once
    (choices reshuffled); without a terminal it prints ``again_command``, the command that
    does the same. Answers given on such a second try are saved but leave the review
    schedule alone: right after seeing the answer, a right one proves little, and the missed
    question comes back in ``--review`` after its relearning step either way.
    """

    def __init__(
        self,
        console: Console,
        store: Store,
        asked: list[Asked],
        *,
        interactive: bool,
        show_topic: bool,
        no_color: bool,
        again_command: str | None = None,
        practice: bool = False,
        seed: int | None = None,
        input: Input | None = None,
        output: Output | None = None,
        stdin: TextIO | None = None,
    ) -> None:
        self.console = console
        self.store = store
        self.asked = asked
        self.interactive = interactive
        self.show_topic = show_topic
        self.no_color = no_color
        self.again_command = again_command
        self.practice = practice  # True: answers do not reschedule (a second try)
        self.seed = seed  # reproduces the choices' new order on a second try
        self.input = input
        self.output = output
        self.stdin = stdin or sys.stdin
        self.color = console.color_system is not None

    def run(self) -> Score:
        """The whole session: the questions, the score, then any second tries. Returns the
        score of the first round."""
        first, stopped = self._round(self.asked, title="Score", practice=self.practice)
        missed = first.missed()
        while missed and not stopped and self.interactive and self._offer_again(len(missed)):
            second, stopped = self._round(
                session_again(missed, seed=self.seed), title="Second try", practice=True
            )
            missed = second.missed()
        return first

    def _round(self, asked_list: list[Asked], *, title: str, practice: bool) -> tuple[Score, bool]:
        """One pass over ``asked_list`` and its score. True with it when the learner stopped."""
        score = Score()
        total = len(asked_list)
        stopped: str | None = None
        try:
            for n, asked in enumerate(asked_list, start=1):
                print_question(self.console, asked, n, total, topic=self.show_topic)
                answer = self._ask_terminal(asked) if self.interactive else self._ask_plain(asked)
                if answer is None:
                    stopped = f"End of input after {n - 1} of {total} questions."
                    break
                result = Result(asked, answer, asked.check(answer))
                self.store.record(
                    asked.topic,
                    asked.question.id,
                    result.correct,
                    [asked.choices[i] for i in answer],
                    reschedule=not practice,
                )
                score.add(result)
                print_feedback(self.console, result, self.store)
                if self.interactive and not self._next_step(asked, last=n == total):
                    if n < total:
                        stopped = f"Stopped after {n} of {total} questions."
                    break
        except KeyboardInterrupt:
            print_score(
                self.console,
                score,
                stopped=f"Interrupted after {score.total} of {total} questions; "
                "answers so far are saved.",
                review_hint=self.review_hint(),
                title=title,
            )
            raise
        retry_hint = None
        n_missed = len(score.missed())
        if n_missed and not self.interactive and self.again_command:
            retry_hint = f"Try the {_n_missed(n_missed)} again: {self.again_command}"
        print_score(
            self.console,
            score,
            stopped=stopped,
            review_hint=self.review_hint(),
            title=title,
            retry_hint=retry_hint,
        )
        return score, stopped is not None

    def review_hint(self) -> str:
        upcoming = sorted(self.store.schedule().values())
        now = datetime.now(UTC)
        due_now = sum(1 for t in upcoming if t <= now)
        if due_now:
            return f"{due_now} due for review now: frcli quiz --review"
        if upcoming:
            return f"Progress saved. Next review {when(upcoming[0], now)}: frcli quiz --review"
        return "Progress saved."

    # -- terminal ---------------------------------------------------------------------------
    def _offer_again(self, n: int) -> bool:
        import questionary

        prompt = questionary.select(
            "What next?",
            choices=[
                questionary.Choice(f"Try the {_n_missed(n)} again", value=True),
                questionary.Choice("Done for now", value=False),
            ],
            use_shortcuts=True,
            instruction=" ",
            input=self.input,
            output=self.output,
        )
        prompt.application.erase_when_done = True
        again = bool(prompt.unsafe_ask())
        if again:
            self.console.print()
            self.console.print(f"Again, with the choices in a new order: {_n_missed(n)}.")
        return again

    def _ask_terminal(self, asked: Asked) -> tuple[int, ...]:
        import questionary

        self.console.print()
        choices = [
            questionary.Choice(title=choice_title(c), value=i) for i, c in enumerate(asked.choices)
        ]
        if asked.multi:
            picked = questionary.checkbox(
                "Your answers",
                choices=choices,
                instruction="(space to pick each, Enter when done)",
                validate=lambda sel: bool(sel) or "Pick at least one.",
                input=self.input,
                output=self.output,
            ).unsafe_ask()
            return tuple(sorted(picked))
        picked = questionary.select(
            "Your answer",
            choices=choices,
            use_shortcuts=True,
            instruction="(arrows or number, then Enter)",
            input=self.input,
            output=self.output,
        ).unsafe_ask()
        return (picked,)

    def _next_step(self, asked: Asked, *, last: bool) -> bool:
        """After the explanation: go on, run the demo here, or stop. False means stop."""
        import questionary

        from ..errors import FrcliError

        go_on = "See the score" if last else "Next question"
        while True:
            prompt = questionary.select(
                "What next?",
                choices=[
                    questionary.Choice(go_on, value="next"),
                    questionary.Choice(f"Run the demo here: {asked.demo_command}", value="demo"),
                    questionary.Choice("Stop here", value="stop"),
                ],
                use_shortcuts=True,
                instruction=" ",
                input=self.input,
                output=self.output,
            )
            # A navigation prompt, not an answer: leave no trace of it in the scrollback.
            prompt.application.erase_when_done = True
            action = prompt.unsafe_ask()
            if action == "next":
                return True
            if action == "stop":
                return False
            from rich.rule import Rule

            from ..commands.demo import View, show_demo

            try:
                show_demo(
                    asked.question.demo,
                    asked.question.example,
                    view=View(no_color=self.no_color),
                )
            except FrcliError as exc:
                self.console.print(f"frcli: {exc.message}", markup=False)
            self.console.print(Rule("back to the quiz", style="magenta"))

    # -- plain ------------------------------------------------------------------------------
    def _ask_plain(self, asked: Asked) -> tuple[int, ...] | None:
        """Numbered choices, one answer a line on stdin; None at end of input."""
        n = len(asked.choices)
        self.console.print()
        print_choices(self.console, asked)
        if asked.multi:
            prompt = f"Answers (numbers 1-{n}, separated by spaces): "
        else:
            prompt = f"Answer (1-{n}): "
        while True:
            self.console.print(prompt, end="")
            self.console.file.flush()
            line = self.stdin.readline()
            if not line:  # end of input
                self.console.print()
                return None
            # Echo what was read: piped input is not shown by any terminal.
            self.console.print(line.strip(), markup=False, highlight=False)
            parsed = parse_answer(line, asked)
            if isinstance(parsed, tuple):
                return parsed
            self.console.print(f"  ({parsed})", markup=False)
