"""`frcli exercise`: start an exercise, check it on the wire, watch it, hints and solutions.

The learner's file is ``DIR/<name_with_underscores>.py`` (``DIR`` is ``./frcli-exercises``
unless ``--dir`` says otherwise). Checks run it in a fresh interpreter
(:mod:`..exercises.checker`); every verdict and hint is saved with the quiz progress.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..console import is_interactive, make_console
from ..errors import FrcliError

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output
    from rich.console import Console

    from ..exercises.checker import Verdict
    from ..exercises.pool import ChildPool, ForkedChild, WarmChild
    from ..exercises.spec import ExerciseSpec
    from ..timeline import LogEntry

from ..exercises import DEFAULT_DIR, file_stem, normal_name


def exercise_path(name: str, directory: Path) -> Path:
    """The learner's file for an exercise: DIR/<name with underscores>.py."""
    return Path(directory) / f"{file_stem(name)}.py"


def _dir_option(directory: Path) -> str:
    try:
        same = Path(directory).resolve() == DEFAULT_DIR.resolve()
    except OSError:
        same = False
    return "" if same else f" --dir {shlex.quote(str(directory))}"


def _shown_path(path: Path) -> str:
    """The path as the learner would type it: relative to here when it is below here."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _starter(name: str) -> Path:
    from ..exercises.spec import exercises_dir

    return exercises_dir() / name / "starter.py"


def _solution(name: str) -> Path:
    from ..exercises.spec import exercises_dir

    return exercises_dir() / name / "solution.py"


# -- list -------------------------------------------------------------------------------------
def list_exercises(*, as_json: bool = False, no_color: bool = False) -> int:
    from ..exercises.spec import load_spec
    from ..exercises.state import DONE, exercise_progress

    progress = exercise_progress()
    names = list(progress)  # the manifest's names, in course order
    upcoming = next((n for n in names if progress[n].state != DONE), None)
    rows: list[dict[str, Any]] = []
    for n in names:
        spec = load_spec(n)
        rows.append(
            {
                "name": n,
                "title": spec.title,
                "topic": spec.topic,
                "difficulty": spec.difficulty,
                "summary": spec.summary,
                "state": progress[n].state,
                "next": n == upcoming,
            }
        )
    if as_json:
        print(json.dumps({"exercises": rows, "next": upcoming}, indent=2, ensure_ascii=False))
        return 0
    from rich.table import Table
    from rich.text import Text

    console = make_console(no_color)
    done = sum(r["state"] == DONE for r in rows)
    table = Table(
        title=f"Exercises ({done} of {len(rows)} done)",
        title_justify="left",
        show_edge=False,
        pad_edge=False,
        box=None,
    )
    table.add_column("", no_wrap=True)
    table.add_column("exercise", style="bold cyan", no_wrap=True)
    table.add_column("state", no_wrap=True)
    table.add_column("level", no_wrap=True)
    table.add_column("what you do", overflow="fold")
    style = {"done": "green", "failing": "yellow", "not started": "dim"}
    for r in rows:
        table.add_row(
            "→" if r["next"] else "",
            r["name"],
            Text(r["state"], style=style[r["state"]]),
            r["difficulty"],
            r["summary"],
        )
    console.print(table)
    console.print()
    if upcoming:
        console.print(f"Next: frcli exercise start {upcoming}   (or: frcli exercise watch)")
    else:
        console.print("Every exercise is done.")
    return 0


# -- start / reset ------------------------------------------------------------------------------
def _keep_backup(path: Path) -> Path:
    backup = path.with_name(path.name + ".bak")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.bak{n}")
    path.replace(backup)
    return backup


def _write_starter(name: str, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = _starter(name).read_text(encoding="utf-8")
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)  # never a half-written file, even if frcli is killed meanwhile
    except OSError as exc:
        raise FrcliError(f"cannot write {path}: {exc.strerror or exc}") from None


def start_exercise(name: str, *, directory: Path = DEFAULT_DIR, force: bool = False) -> int:
    from ..exercises import state
    from ..exercises.spec import load_spec, resolve

    name = resolve(name)
    spec = load_spec(name)
    path = exercise_path(name, directory)
    opt = _dir_option(directory)
    if path.exists() and not force:
        print(
            f"{_shown_path(path)} already exists; frcli never overwrites your work.\n"
            f"  Check it:     frcli exercise check {name}{opt}\n"
            f"  Start again:  frcli exercise start {name}{opt} --force   (keeps a .bak)"
        )
        return 0
    backup = _keep_backup(path) if path.exists() else None
    _write_starter(name, path)
    state.record(name, "start")
    lines = [f"Wrote {_shown_path(path)}: {spec.title} ({spec.difficulty})"]
    if backup is not None:
        lines.append(f"Your previous file is kept as {_shown_path(backup)}")
    import textwrap

    from ..console import terminal_width

    lines += ["", textwrap.fill(_task_text(spec), width=max(40, terminal_width())), ""]
    lines += [
        "Edit the file in your editor, then check it on the wire:",
        f"  frcli exercise check {name}{opt}",
        "or let frcli check it on every save:",
        f"  frcli exercise watch {name}{opt}",
    ]
    print("\n".join(lines))
    return 0


def _task_text(spec: ExerciseSpec) -> str:
    return "Task: " + " ".join(spec.task.split())


def reset_exercise(name: str, *, directory: Path = DEFAULT_DIR) -> int:
    from ..exercises import state
    from ..exercises.spec import resolve

    name = resolve(name)
    path = exercise_path(name, directory)
    backup = _keep_backup(path) if path.exists() else None
    _write_starter(name, path)
    state.record(name, "reset")
    kept = f"; your file is kept as {_shown_path(backup)}" if backup else ""
    print(f"Reset {_shown_path(path)} to the starter{kept}.")
    return 0


# -- hint / solution ----------------------------------------------------------------------------
def show_hint(name: str, *, no_color: bool = False) -> int:
    from ..exercises.spec import resolve

    take_hint(make_console(no_color), resolve(name))
    return 0


def take_hint(console: Console, name: str) -> None:
    """The next hint (the earlier ones dimmed above it; the last one again once all are
    taken), recorded as taken: for `frcli exercise hint` and watch's h key."""
    from ..exercises import state
    from ..exercises.spec import load_spec

    spec = load_spec(name)
    index = min(state.hints_taken(name), len(spec.hints) - 1)
    _print_hints(console, name, spec, index)
    state.record(name, "hint", number=index + 1)


def _print_hints(console: Console, name: str, spec: ExerciseSpec, index: int) -> None:
    from rich.text import Text

    n = len(spec.hints)
    for i in range(index):
        console.print(Text(f"Hint {i + 1} of {n}: {spec.hints[i]}", style="dim"))
    heading = Text(f"Hint {index + 1} of {n}: ", style="bold yellow")
    heading.append(spec.hints[index])
    console.print(heading)
    if index + 1 < n:
        console.print(Text(f"(frcli exercise hint {name} shows the next one)", style="dim"))
    else:
        console.print(
            Text(
                f"That was the last hint. Still stuck: frcli exercise solution {name}",
                style="dim",
            )
        )


def show_solution(
    name: str,
    *,
    yes: bool = False,
    no_color: bool = False,
    input: Input | None = None,
    output: Output | None = None,
) -> int:
    from ..exercises import state
    from ..exercises.spec import load_spec, resolve

    name = resolve(name)
    spec = load_spec(name)
    done = state.exercise_states()[name] == state.DONE
    if not done and not yes:
        if input is None and not is_interactive():
            raise FrcliError(
                f"{name} is not done yet; to see its solution anyway: "
                f"frcli exercise solution {name} --yes",
                code=2,
            )
        import questionary

        sure = questionary.confirm(
            f"{name} has not passed yet. Show the solution anyway?",
            default=False,
            input=input,
            output=output,
        ).unsafe_ask()
        if not sure:
            print(f"Not shown. A hint instead: frcli exercise hint {name}")
            return 0
    code = _solution(name).read_text(encoding="utf-8")
    console = make_console(no_color)
    from rich.rule import Rule
    from rich.text import Text

    console.print(Rule(Text(f"A solution to {spec.title} ({name})", style="bold")))
    if console.color_system is not None:
        from rich.syntax import Syntax

        console.print(Syntax(code, "python", theme="ansi_dark", background_color="default"))
    else:
        console.print(Text(code.rstrip("\n")))
    console.print(
        Text(
            "Any solution whose answers pass the checks is right; this is one of them.",
            style="dim",
        )
    )
    state.record(name, "solution", after_pass=done)
    return 0


# -- check ---------------------------------------------------------------------------------------
class CheckView:
    """Draws one check: a header, each exchange live (as `frcli demo` does), the checklist."""

    def __init__(self, console: Console, name: str, spec: ExerciseSpec, path: Path) -> None:
        from ..content import Example
        from ..exercises.checker import request_example
        from ..render.exchange import DemoRenderer

        class _Renderer(DemoRenderer):
            def example_footer(self, example: Example) -> None:  # the checklist says it all
                self.out.flush()

        self.console = console
        self.name = name
        self.spec = spec
        self.path = path
        examples = [Example.model_validate(request_example(r)) for r in spec.request]
        self.renderer = _Renderer(console, examples)
        from ..console import glyphs

        marks = glyphs()
        self.ok, self.no = marks.ok, marks.bad

    def header(self) -> None:
        from rich.rule import Rule
        from rich.text import Text

        heading = Text(f"{self.spec.title} ", style="bold")
        heading.append(f"({self.name})", style="dim")
        self.console.print(Rule(heading, style="magenta"))
        self.console.print(Text(f"checking {_shown_path(self.path)}", style="dim"))
        self.renderer.close()

    def started(self, url: str, startup_log: list[LogEntry]) -> None:
        from rich.text import Text

        self.console.print(Text(f"your app is served by uvicorn at {url}", style="dim"))
        self.renderer.startup_log(startup_log)
        self.renderer.close()

    def verdict(self, v: Verdict) -> None:
        from rich.rule import Rule
        from rich.table import Table
        from rich.text import Text

        console = self.console
        self.renderer.close()  # the exchanges' lines it still holds come first
        console.print()
        if v.message is not None:
            if v.error and v.error != v.message:
                console.print(Text(v.error, style="red"), overflow="fold")
            console.print(
                Text(f"frcli: {v.message}: fix it, then check again", style="bold red"),
                overflow="fold",
            )
            return
        console.print(Rule(Text("Checks", style="bold"), style="blue", align="left"))
        for c in v.checks:
            # The mark in a column of its own: a long headline wraps under itself.
            mark = Table.grid(padding=(0, 1))
            mark.add_column(no_wrap=True)
            mark.add_column(overflow="fold")
            if c.passed:
                mark.add_row(Text(self.ok, style="bold green"), Text(c.headline))
                console.print(mark)
                continue
            mark.add_row(Text(self.no, style="bold red"), Text(c.headline, style="bold"))
            console.print(mark)
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            if c.say:
                grid.add_row(Text("    expected:", style="dim"), Text(c.expected))
            grid.add_row(Text("    got:", style="dim"), Text(c.got))
            console.print(grid)
        console.print()
        failed = len(v.failed)
        if v.passed:
            console.print(
                Text(f"{self.ok} {self.name} is done: every expectation holds.", style="bold green")
            )
        else:
            said = f"{self.no} {failed} of {len(v.checks)} expectations not met yet. A hint:"
            command = f"frcli exercise hint {self.name}"
            # The command stays whole, to copy: on the same line if it fits, else its own.
            fits = len(said) + 1 + len(command) <= console.width
            console.print(
                Text(f"{said} {command}" if fits else f"{said}\n  {command}", style="bold red"),
                overflow="fold",
            )
        self.renderer.close()


def _record_verdict(v: Verdict) -> None:
    from ..exercises import state

    state.record(
        v.exercise,
        "check",
        passed=v.passed,
        failed=[c.name for c in v.failed],
        error=v.message,
        seconds=round(v.seconds, 3),
    )


def _next_steps(console: Console, name: str, directory: Path) -> None:
    from ..exercises.state import next_exercise

    opt = _dir_option(directory)
    upcoming = next_exercise(after=name)
    console.print(f"Compare with a solution: frcli exercise solution {name}")
    if upcoming:
        console.print(f"Next: frcli exercise start {upcoming}{opt}")


def run_check(
    name: str,
    path: Path,
    console: Console,
    *,
    child: WarmChild | ForkedChild | None = None,
    pool: ChildPool | None = None,
) -> Verdict:
    """Check ``path`` with the live view on ``console``, record the verdict, return it."""
    from ..exercises.checker import check_path
    from ..exercises.spec import load_spec

    spec = load_spec(name)
    view = CheckView(console, name, spec, path)
    view.header()
    verdict = check_path(
        name,
        path,
        spec=spec,
        child=child,
        pool=pool,
        on_start=view.started,
        on_event=view.renderer.handle,
    )
    view.verdict(verdict)
    _record_verdict(verdict)
    return verdict


def _missing(name: str, path: Path, directory: Path) -> FrcliError:
    return FrcliError(
        f"{_shown_path(path)} does not exist; write the starter first: "
        f"frcli exercise start {name}{_dir_option(directory)}",
        code=2,
    )


def check_exercise(
    name: str, *, directory: Path = DEFAULT_DIR, as_json: bool = False, no_color: bool = False
) -> int:
    from ..exercises.pool import WarmChild

    child = WarmChild()  # first: its imports overlap with ours
    try:
        # The job goes now, so the child runs the checks while we import rich and pydantic;
        # its events wait in the pipe. (A name that is not an exercise fails below anyway.)
        key = normal_name(name)
        early = exercise_path(key, directory)
        if early.is_file():
            child.send_early({"exercise": key, "path": str(early.resolve())})
        from ..exercises.spec import resolve

        name = resolve(name)
        path = exercise_path(name, directory)
        if not path.is_file():
            raise _missing(name, path, directory)
        if as_json:
            from ..exercises.checker import check_path

            verdict = check_path(name, path, child=child)
            _record_verdict(verdict)
            print(json.dumps(verdict.to_json(), indent=2, ensure_ascii=False))
            return 0 if verdict.passed else 1
        console = make_console(no_color)
        verdict = run_check(name, path, console, child=child)
        if verdict.passed:
            _next_steps(console, name, directory)
        return 0 if verdict.passed else 1
    finally:
        child.kill()


# -- watch ----------------------------------------------------------------------------------------
def watch_exercises(
    name: str | None,
    *,
    directory: Path = DEFAULT_DIR,
    manual_run: bool = False,
    no_color: bool = False,
    input: Input | None = None,
) -> int:
    from ..exercises.watch import Watcher

    return Watcher(
        name, directory=directory, manual_run=manual_run, no_color=no_color, input=input
    ).run()
