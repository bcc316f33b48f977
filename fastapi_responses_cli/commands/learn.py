"""`frcli learn`: one path through everything, topic by topic, resumed where the learner stopped.

The path is content (``exercises/path.toml``, read by :mod:`..curriculum`). Each step runs its
parts in order: the demo (paced, as ``frcli demo`` in a terminal), a few quiz questions (the
quiz's own flow), the exercise (started in the learner's folder, then watched or checked). A part
is saved as done in the progress store the moment it is done, so Ctrl-C or a closed terminal
loses at most the part on screen; ``--restart`` forgets the place (not the quiz answers).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..console import is_interactive, make_console
from ..exercises import DEFAULT_DIR

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output
    from rich.console import Console

    from ..curriculum import Place, Step
    from ..quiz.session import Asked
    from ..quiz.store import Store


def run_learn(
    *,
    restart: bool = False,
    show_path: bool = False,
    directory: Path = DEFAULT_DIR,
    no_color: bool = False,
    seed: int | None = None,
    input: Input | None = None,
    output: Output | None = None,
) -> int:
    """``input``/``output`` are prompt_toolkit objects for tests; giving ``input`` means
    terminal mode even when stdin is not a terminal. ``seed`` fixes the order of the choices."""
    from ..curriculum import done_parts, load_steps, place
    from ..quiz.store import Store

    steps = load_steps()
    console = make_console(no_color)
    if restart:
        with Store() as store:
            store.reset_path()
        console.print("Back to the start of the path (quiz answers and exercises are kept).")
    if show_path:
        print_path(console, steps)
        return 0
    where = place(steps, done_parts())
    if where is None:
        console.print(
            f"You have walked the whole path ({len(steps)} steps). "
            "frcli learn --restart walks it again; frcli quiz --review asks what is due."
        )
        return 0
    if input is None and not is_interactive():
        print_next(console, where)
        print(
            "\nfrcli: learn walks the path in a terminal; the next step is above", file=sys.stderr
        )
        return 2
    with Store() as store:
        store.check_writable("save your place on the path")  # before anything is shown
        walk = Walk(console, store, steps, directory, no_color, input, output)
        walk.seed = seed
        try:
            return walk.run(where)
        except EOFError:  # the terminal's input closed: every part done so far is saved
            console.print("\nEnd of input; frcli learn picks up where you are.")
            return 0


# -- without a terminal: where the learner stands ------------------------------------------
def print_next(console: Console, where: Place) -> None:
    from rich.text import Text

    step = where.step
    console.print(Text(f"Your path: step {where.index + 1} of {where.total}, {step.title}"))
    console.print(Text(f"Next: {step.describe(where.part)}"))
    console.print(Text(f"  {step.command(where.part)}", style="bold cyan"))
    later = step.parts[step.parts.index(where.part) + 1 :]
    if later:
        console.print(Text("Then: " + ", ".join(step.describe(p) for p in later) + "."))
    console.print(
        Text("In a terminal, frcli learn walks it with you and remembers where you stop.")
    )


def print_path(console: Console, steps: list[Step]) -> None:
    """Every step, each part marked: ✓ done, - skipped; the learner's place marked →."""
    from rich.table import Table
    from rich.text import Text

    from ..curriculum import place
    from ..quiz.store import Store, db_path

    outcomes: dict[tuple[str, str], str] = {}
    if db_path().exists():
        with Store() as store:
            outcomes = store.path_outcomes()
    here = place(steps, outcomes)
    done = sum(1 for s in steps for p in s.parts if (s.name, p) in outcomes)
    parts = sum(len(s.parts) for s in steps)
    console.print(Text(f"The path (frcli learn): {done} of {parts} parts done", style="bold"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_column(no_wrap=True)
    for i, step in enumerate(steps):
        marks = Text()
        for p in step.parts:
            outcome = outcomes.get((step.name, p))
            sign = {"done": "✓", "skipped": "-"}.get(outcome or "", " ")
            marks.append(" " if marks else "")
            marks.append(f"{sign} {p}", style="green" if outcome == "done" else "")
        mark = "→" if here is not None and here.index == i else ""
        grid.add_row(Text(mark, style="bold cyan"), str(i + 1), step.title, marks)
    console.print(grid)


# -- in a terminal: the walk ---------------------------------------------------------------
class Walk:
    def __init__(
        self,
        console: Console,
        store: Store,
        steps: list[Step],
        directory: Path,
        no_color: bool,
        input: Input | None,
        output: Output | None,
    ) -> None:
        self.console = console
        self.store = store
        self.steps = steps
        self.directory = directory
        self.no_color = no_color
        self.input = input
        self.output = output
        self.seed: int | None = None

    def run(self, start: Place) -> int:
        for i in range(start.index, len(self.steps)):
            step = self.steps[i]
            done = self.store.path_done()
            todo = [p for p in step.parts if (step.name, p) not in done]
            self.header(step, i, done)
            for part in todo:
                outcome = self.do(step, part)
                if outcome is None:
                    self.stopped(step, i, part)
                    return 0
                self.store.mark_path(step.name, part, outcome)
                if not self.go_on(step, i, part):
                    self.stopped_after(step, i, part)
                    return 0
        self.console.print()
        self.console.print(
            f"That was the last step: you have walked the whole path ({len(self.steps)} steps)."
        )
        return 0

    def header(self, step: Step, index: int, done: set[tuple[str, str]]) -> None:
        from rich.rule import Rule
        from rich.text import Text

        self.console.print()
        title = Text(f"Step {index + 1} of {len(self.steps)}: ", style="bold")
        title.append(step.title)
        self.console.print(Rule(title, align="left", style="magenta"))
        for p in step.parts:
            line = Text("  ✓ " if (step.name, p) in done else "    ", style="green")
            line.append(step.describe(p), style="dim" if (step.name, p) in done else "")
            self.console.print(line)

    def _next_of(self, step: Step, index: int, part: str) -> str:
        later = step.parts[step.parts.index(part) + 1 :]
        if later:
            return f"Next: {step.describe(later[0])}"
        if index + 1 < len(self.steps):
            return f"Next step: {self.steps[index + 1].title}"
        return "Finish the path"

    def go_on(self, step: Step, index: int, part: str) -> bool:
        """After a part: go on, do it again, or stop. False means stop."""
        while True:
            again = {"demo": "Watch the demo again", "quiz": "Ask these questions again"}.get(part)
            choices = [(self._next_of(step, index, part), "next")]
            if again:
                choices.append((again, "again"))
            choices.append(("Stop here (frcli learn picks up here)", "stop"))
            action = self.menu(choices)
            if action != "again":
                return action == "next"
            self.do(step, part)

    def menu(self, choices: list[tuple[str, str]]) -> str:
        import questionary

        prompt = questionary.select(
            "What next?",
            choices=[questionary.Choice(title, value=value) for title, value in choices],
            use_shortcuts=True,
            instruction=" ",
            input=self.input,
            output=self.output,
        )
        prompt.application.erase_when_done = True  # navigation, not an answer: leave no trace
        return prompt.unsafe_ask()

    def stopped(self, step: Step, index: int, part: str) -> None:
        self.console.print()
        self.console.print(
            f"Stopped at step {index + 1}, {step.describe(part)}. frcli learn picks up there."
        )

    def stopped_after(self, step: Step, index: int, part: str) -> None:
        from ..curriculum import place

        where = place(self.steps, self.store.path_done())
        self.console.print()
        if where is None:
            self.console.print("The path is done.")
        else:
            self.console.print(f"Saved. Next time frcli learn starts at {where}.", overflow="fold")

    # -- the parts --------------------------------------------------------------------------
    def do(self, step: Step, part: str) -> str | None:
        """Run one part: "done", "skipped", or None when the learner stopped before its end."""
        if part == "demo":
            return "done" if self.demo(step) else None
        if part == "quiz":
            return "done" if self.quiz(step) else None
        return self.exercise(step)

    def demo(self, step: Step) -> bool:
        from .demo import View, show_demo

        assert step.demo is not None
        show_demo(
            step.demo,
            only=list(step.examples) or None,
            view=View(no_color=self.no_color),
            picker_input=self.input,
            picker_output=self.output,
        )
        return True  # watched, all of it or up to the learner's q

    def quiz(self, step: Step) -> bool:
        from ..quiz.flow import QuizRun

        asked = choose_questions(step, seed=self.seed)
        score = QuizRun(
            self.console,
            self.store,
            asked,
            interactive=True,
            show_topic=False,
            no_color=self.no_color,
            input=self.input,
            output=self.output,
        ).run()
        return score.total == len(asked)

    def exercise(self, step: Step) -> str | None:
        from ..exercises.state import exercise_states
        from .exercise import check_exercise, exercise_path, start_exercise, watch_exercises

        name = step.exercise
        assert name is not None
        if exercise_states().get(name) == "done":
            self.console.print(f"\nYou have solved {name} already.")
            return "done"
        file = exercise_path(name, self.directory)
        self.console.print()
        if file.exists():
            self.console.print(f"Your file from before is still there: {file}", markup=False)
        else:
            start_exercise(name, directory=self.directory)
        while True:
            action = self.menu(
                [
                    ("Watch: check it each time you save the file", "watch"),
                    ("Check it once now", "check"),
                    ("Skip it for now", "skip"),
                    ("Stop here (frcli learn picks up here)", "stop"),
                ]
            )
            if action == "stop":
                return None
            if action == "skip":
                return "skipped"
            if action == "watch":  # until the learner presses q
                watch_exercises(
                    name, directory=self.directory, no_color=self.no_color, input=self.input
                )
            else:
                check_exercise(name, directory=self.directory, no_color=self.no_color)
            if exercise_states().get(name) == "done":
                return "done"


def choose_questions(step: Step, *, seed: int | None = None) -> list[Asked]:
    """The step's questions: the ids it names, or ``quiz`` of them: first those that show the
    step's demo (and examples), easy before hard, in the file's order within that."""
    from ..quiz.model import DIFFICULTIES, load_topic
    from ..quiz.session import plan_review

    quiz = load_topic(step.topic)
    if isinstance(step.quiz, tuple):
        ids = list(step.quiz)
    else:

        def rank(i: int) -> tuple[int, int, int]:
            q = quiz.questions[i]
            shows = q.demo == step.demo and (not step.examples or q.example in step.examples)
            return (0 if shows else 1, DIFFICULTIES.index(q.difficulty), i)

        order = sorted(range(len(quiz.questions)), key=rank)
        ids = [quiz.questions[i].id for i in order[: step.quiz]]
    return plan_review({quiz.topic: quiz}, [(quiz.topic, qid) for qid in ids], seed=seed)
