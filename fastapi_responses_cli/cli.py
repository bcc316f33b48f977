"""The Typer app: parse, then call one function per command.

No logic and no heavy imports here: FastAPI, uvicorn, httpx and rich are imported inside the
commands that need them, so ``frcli --help`` stays about as fast as importing Typer.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec

import typer
from typer import core as typer_core

from .clients import SERVE_HOST, SERVE_PORT
from .errors import FrcliError, shown
from .exercises import DEFAULT_DIR

if TYPE_CHECKING:
    from .commands.demo import View

P = ParamSpec("P")


# -- start-up cost of Typer's parameter checks ---------------------------------------------------
# Typer 0.29 checks each parameter's value with a pydantic TypeAdapter, built on first use: the
# first one imports pydantic and typer._adapters (about 40% of `frcli list` before this). Most
# values need no check: an option left out is None, a bool flag is a bool, a name is a str.
# These two shortcuts give exactly what the adapter would; anything else is built and checked
# by Typer as usual (an int, a path, a bad value and its error message). Typer is pinned
# below 0.30 in pyproject.toml; tests/test_cli.py fails if these stop applying.


def _help_defaults_to_false(option: typer_core.TyperOption | None) -> None:
    """The help option defaults to None, so every command checked it; False takes Typer's own
    bool-flag path (no check at all). --help still works."""
    if option is not None and option.default is None:
        option.default = False


class _UncheckedWhenPlain:
    """In place of a parameter's Typer runtime check: a missing value is None (or () for a
    multi-value parameter), as Typer's own ``RuntimeParam.coerce`` returns before any check;
    a str for a plain ``str`` parameter is that str, as Typer's str adapter returns; a plain
    number within its bounds is that number; a path gets Typer's path check. Anything else
    goes to the check Typer builds, so every error message is Typer's own."""

    def __init__(self, param: typer_core._TyperParameter) -> None:
        self._param = param
        self._real: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return () if (param.multiple or param.nargs == -1) else None
        info = self._param.type_descriptor
        single = not (param.multiple or param.nargs == -1) and info.parameter_info.parser is None
        if single and isinstance(value, str) and info.annotation is str:
            return value
        path = info.annotation is Path and info.parameter_info.path_type is None
        if single and path and isinstance(value, str | Path):
            # Typer's own path check (exists, file_okay, dir_okay, resolve_path), given a Path
            # so that it needs no pydantic TypeAdapter to make one.
            from typer._param_types import coerce_cli_path

            return coerce_cli_path(
                Path(value), info.parameter_info, path_type=Path, param=param, ctx=ctx
            )
        if single and isinstance(value, str) and info.annotation in (int, float):
            number = _plain_number(value, info.annotation)
            low, high = info.parameter_info.min, info.parameter_info.max
            if number is not None and (low is None or number >= low):
                if high is None or number <= high:
                    return number  # what Typer's check returns for it; else its message
        if self._real is None:
            from typer._coercion import build_runtime_param

            self._real = build_runtime_param(info)
        return self._real.coerce(value, param=param, ctx=ctx)


def _plain_number(text: str, kind: type) -> int | float | None:
    """``text`` as an int or float when it is plainly one ("3", "-2", "0.5"), else None: the
    values whose reading nobody could dispute; anything else gets Typer's own check."""
    import re

    pattern = r"[+-]?[0-9]+" if kind is int else r"[+-]?[0-9]+(\.[0-9]+)?"
    if not re.fullmatch(pattern, text):
        return None
    return int(text) if kind is int else float(text)


def _light_checks(command: typer_core.TyperCommand | typer_core.TyperGroup, ctx: Any) -> None:
    for param in command.get_params(ctx):
        if isinstance(param, typer_core._TyperParameter) and param._runtime_param is None:
            param._runtime_param = _UncheckedWhenPlain(param)  # type: ignore[assignment]


class Group(typer_core.TyperGroup):
    def get_help_option(self, ctx: typer_core._click.Context) -> typer_core.TyperOption | None:
        option = super().get_help_option(ctx)
        _help_defaults_to_false(option)
        return option

    def parse_args(self, ctx: typer_core._click.Context, args: list[str]) -> list[str]:
        _light_checks(self, ctx)
        return super().parse_args(ctx, args)


class Command(typer_core.TyperCommand):
    def get_help_option(self, ctx: typer_core._click.Context) -> typer_core.TyperOption | None:
        option = super().get_help_option(ctx)
        _help_defaults_to_false(option)
        return option

    def parse_args(self, ctx: typer_core._click.Context, args: list[str]) -> list[str]:
        _light_checks(self, ctx)
        return super().parse_args(ctx, args)


app = typer.Typer(
    name="frcli",
    cls=Group,
    add_completion=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    # Plain Click help: Typer's rich help pulls in rich and markdown-it (~80 ms) on every --help.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

NoColor = Annotated[bool, typer.Option("--no-color", help="Plain text, no escape codes.")]
MachineJson = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
# The view flags `demo` and `inspect` share.
Full = Annotated[bool, typer.Option("--full", help="Show long bodies and streams in full.")]
Wire = Annotated[
    bool,
    typer.Option(
        "--wire", help="Show the exact bytes on the socket: framing, CRLFs, each read's time."
    ),
]
Timeline = Annotated[
    bool, typer.Option("--timeline", help="Draw each exchange's phases and chunks on a time axis.")
]
Pretty = Annotated[
    bool,
    typer.Option(
        "--pretty", help="Reformat JSON, CSV and HTML bodies (labelled; default: as sent)."
    ),
]
Svg = Annotated[
    Path | None, typer.Option("--svg", metavar="FILE", help="Also save what was shown as SVG.")
]
Html = Annotated[
    Path | None, typer.Option("--html", metavar="FILE", help="Also save what was shown as HTML.")
]
Har = Annotated[
    Path | None, typer.Option("--har", metavar="FILE", help="Also save the exchanges as HAR 1.2.")
]


def _view(
    *,
    full: bool,
    wire: bool,
    timeline: bool,
    pretty: bool,
    no_color: bool,
    svg: Path | None,
    html: Path | None,
    har: Path | None,
) -> View:
    """The shared view flags as the one View `demo` and `inspect` pass on. commands/demo.py
    is imported here, when a command runs, not at start-up (it pulls in heavier modules)."""
    from .commands.demo import View

    return View(
        full=full,
        wire=wire,
        timeline=timeline,
        pretty=pretty,
        no_color=no_color,
        svg=svg,
        html=html,
        har=har,
    )


def handled(func: Callable[P, int]) -> Callable[P, None]:
    """Bad input becomes one line on stderr and an exit code; Ctrl-C exits 130. No tracebacks."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        from .console import error
        from .interrupts import caused_by_interrupt, interruptible

        try:
            with interruptible():
                code = func(*args, **kwargs)
        except FrcliError as exc:
            error(exc.message, exc.label)
            raise typer.Exit(exc.code) from None
        except KeyboardInterrupt:
            _interrupted()
            raise typer.Exit(130) from None
        except BrokenPipeError:  # `frcli demo x | head`: the reader has all it wanted
            from .console import silence_stdout

            silence_stdout()
            raise typer.Exit(0) from None
        except Exception as exc:
            if not caused_by_interrupt(exc):  # e.g. "Error calling __set_name__" mid-import
                raise
            _interrupted()
            raise typer.Exit(130) from None
        raise typer.Exit(code or 0)

    return wrapper


def _interrupted() -> None:
    from .interrupts import say_interrupted

    say_interrupted()


def _no_empty_names(*names: tuple[str, str | None]) -> None:
    """``frcli demo streaming ''`` is a mistake, not "every example": say so, exit 2."""
    for kind, value in names:
        if value is not None and not value.strip():
            raise FrcliError(f"the {kind} name is empty ({shown(value)}); frcli list shows them", 2)


def _version(value: bool) -> None:
    if value:
        from .versions import version_lines

        print("\n".join(version_lines()))
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Show frcli's version and the FastAPI, Starlette, Pydantic and uvicorn it runs.",
        ),
    ] = False,
) -> None:
    """Watch FastAPI build real HTTP responses: live demos, quizzes and a local server.

    Start with `frcli list`, then `frcli demo response-models`.
    """
    if ctx.invoked_subcommand is None:
        from .commands.welcome import show_welcome

        handled(show_welcome)()


@app.command("list", cls=Command)
@handled
def list_command(
    as_json: MachineJson = False,
    no_color: NoColor = False,
) -> int:
    """List every demo, its examples, and every quiz topic."""
    from .commands.list import show_list

    return show_list(as_json=as_json, no_color=no_color)


@app.command("demo", cls=Command)
@handled
def demo_command(
    name: Annotated[
        str | None, typer.Argument(metavar="NAME", help="Demo name, e.g. streaming.")
    ] = None,
    example: Annotated[
        str | None, typer.Argument(metavar="EXAMPLE", help="One example of the demo.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the recorded timeline as JSON.")
    ] = False,
    curl: Annotated[
        bool, typer.Option("--curl", help="Print the equivalent curl commands and exit.")
    ] = False,
    httpie: Annotated[
        bool, typer.Option("--httpie", help="Print the equivalent HTTPie commands and exit.")
    ] = False,
    full: Full = False,
    no_source: Annotated[
        bool, typer.Option("--no-source", help="Do not show the route's source.")
    ] = False,
    all_at_once: Annotated[
        bool,
        typer.Option("--all", help="In a terminal too, run every example at once, unpaced."),
    ] = False,
    no_color: NoColor = False,
    wire: Wire = False,
    timeline: Timeline = False,
    pretty: Pretty = False,
    svg: Svg = None,
    html: Html = None,
    har: Har = None,
) -> int:
    """Run a demo: a real FastAPI app answers, shown chunk by chunk.

    Without EXAMPLE every example runs in order: in a terminal one at a time (Enter next,
    r re-run, a all the rest, q quit), piped all at once. Examples: frcli demo streaming,
    frcli demo streaming sse, frcli demo response-models --curl (or --httpie).
    """
    from .commands.demo import show_demo

    _no_empty_names(("demo", name), ("example", example))
    if sum((as_json, curl, httpie)) > 1:
        chosen = [
            f for f, on in (("--json", as_json), ("--curl", curl), ("--httpie", httpie)) if on
        ]
        raise FrcliError(f"{' and '.join(chosen)} cannot be combined: choose one", code=2)
    return show_demo(
        name,
        example,
        as_json=as_json,
        curl=curl,
        httpie=httpie,
        source=not no_source,
        all_at_once=all_at_once,
        view=_view(
            full=full,
            wire=wire,
            timeline=timeline,
            pretty=pretty,
            no_color=no_color,
            svg=svg,
            html=html,
            har=har,
        ),
    )


@app.command("inspect", cls=Command)
@handled
def inspect_command(
    target: Annotated[
        str,
        typer.Argument(
            metavar="TARGET",
            help="module:app, path/to/file.py[:app], or http://127.0.0.1:PORT (a running app).",
        ),
    ],
    method_or_path: Annotated[str, typer.Argument(metavar="[METHOD] PATH", help="e.g. GET /")],
    path: Annotated[str | None, typer.Argument(hidden=True)] = None,
    header: Annotated[
        list[str] | None,
        typer.Option("-H", "--header", metavar="'NAME: VALUE'", help="A request header (repeat)."),
    ] = None,
    json_body: Annotated[
        str | None,
        typer.Option("--json", metavar="JSON", help="Send JSON, as curl --json does (POST)."),
    ] = None,
    data: Annotated[
        str | None, typer.Option("-d", "--data", help="Send a form body, as curl -d does (POST).")
    ] = None,
    max_time: Annotated[
        float | None, typer.Option("--max-time", metavar="SECONDS", help="Stop reading after.")
    ] = None,
    location: Annotated[
        bool, typer.Option("-L", "--location", help="Follow redirects, as curl -L does.")
    ] = False,
    allow_remote: Annotated[
        bool, typer.Option("--allow-remote", help="Allow a URL that is not this machine.")
    ] = False,
    print_json: Annotated[
        bool, typer.Option("--print-json", help="Print the recorded timeline as JSON.")
    ] = False,
    full: Full = False,
    no_source: Annotated[
        bool, typer.Option("--no-source", help="Do not show the handler's source.")
    ] = False,
    no_color: NoColor = False,
    wire: Wire = False,
    timeline: Timeline = False,
    pretty: Pretty = False,
    svg: Svg = None,
    html: Html = None,
    har: Har = None,
) -> int:
    """The demo view for your own app or a running server.

    Examples: frcli inspect main.py GET /items, frcli inspect app.main:app /,
    frcli inspect http://127.0.0.1:8000 POST /items --json '{"name": "x"}' --wire.
    """
    from .commands.inspect import inspect_target

    return inspect_target(
        target,
        method_or_path,
        path,
        headers=header,
        json_body=json_body,
        data=data,
        max_time=max_time,
        location=location,
        allow_remote=allow_remote,
        print_json=print_json,
        view=_view(
            full=full,
            wire=wire,
            timeline=timeline,
            pretty=pretty,
            no_color=no_color,
            svg=svg,
            html=html,
            har=har,
        ),
        source=not no_source,
    )


@app.command("quiz", cls=Command)
@handled
def quiz_command(
    topic: Annotated[
        str | None,
        typer.Argument(
            metavar="TOPIC",
            help="Quiz topic (e.g. response-models) or demo name (its questions, e.g. sse); "
            "or 'validate FILE...'.",
        ),
    ] = None,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="FILE", help="With 'validate': quiz files to check."),
    ] = None,
    count: Annotated[
        int | None, typer.Option("--count", "-n", min=1, help="Ask at most N questions.")
    ] = None,
    difficulty: Annotated[
        str | None, typer.Option("--difficulty", help="easy, medium or hard.")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Reproducible order.")] = None,
    shuffle: Annotated[
        bool, typer.Option("--shuffle", help="Fully random order (default: easy to hard).")
    ] = False,
    review: Annotated[
        bool, typer.Option("--review", help="Ask the questions due for review, all topics.")
    ] = False,
    missed: Annotated[
        bool,
        typer.Option("--missed", help="Ask again those whose latest answer was wrong (practice)."),
    ] = False,
    no_color: NoColor = False,
) -> int:
    """Multiple-choice questions, explained, scored and remembered.

    `frcli quiz validate FILE...` checks quiz files for authors.
    """
    _no_empty_names(("quiz topic", topic))
    if topic == "validate":
        from .quiz.validate import validate_paths

        return validate_paths(paths or [], no_color=no_color)
    if paths:
        raise FrcliError(f"unexpected argument {shown(str(paths[0]))}", code=2)
    from .commands.quiz import run_quiz

    return run_quiz(
        topic,
        count=count,
        difficulty=difficulty,
        seed=seed,
        shuffle=shuffle,
        review=review,
        missed=missed,
        no_color=no_color,
    )


@app.command("learn", cls=Command)
@handled
def learn_command(
    restart: Annotated[
        bool, typer.Option("--restart", help="Start the path over (quiz answers are kept).")
    ] = False,
    show_path: Annotated[
        bool, typer.Option("--path", help="Show every step of the path, yours marked, and exit.")
    ] = False,
    directory: Annotated[Path, typer.Option("--dir", help="Where your exercise files go.")] = Path(
        "frcli-exercises"
    ),
    no_color: NoColor = False,
) -> int:
    """One path through it all, topic by topic: the demo, a few questions, the exercise.

    Remembers where you stopped and starts there next time. Without a terminal it prints
    the next step (and the command for it) and exits 2.
    """
    from .commands.learn import run_learn

    return run_learn(restart=restart, show_path=show_path, directory=directory, no_color=no_color)


@app.command("progress", cls=Command)
@handled
def progress_command(
    as_json: MachineJson = False,
    reset: Annotated[
        bool, typer.Option("--reset", help="Forget all progress (asks first in a terminal).")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="With --reset: do not ask (needed in scripts).")
    ] = False,
    no_color: NoColor = False,
) -> int:
    """Quiz progress per topic: answered, correct, due for review."""
    from .commands.progress import show_progress

    return show_progress(as_json=as_json, reset=reset, yes=yes, no_color=no_color)


@app.command("serve", cls=Command)
@handled
def serve_command(
    host: Annotated[
        str, typer.Option("--host", help="Address to bind. Anything but loopback is public.")
    ] = SERVE_HOST,
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535)] = SERVE_PORT,
    reload: Annotated[
        bool, typer.Option("--reload", help="Restart when demo files change (for authors).")
    ] = False,
) -> int:
    """Serve every demo on one local server (browser, curl, HTTPie)."""
    from .commands.serve import serve

    return serve(host=host, port=port, reload=reload)


exercise_app = typer.Typer(
    name="exercise",
    cls=Group,
    help="Hands-on exercises: fix a small FastAPI app in your editor; frcli checks it on the wire.",
    add_completion=False,
    invoke_without_command=True,
)
app.add_typer(exercise_app)

ExerciseName = Annotated[
    str, typer.Argument(metavar="NAME", help="Exercise name, e.g. hide-password.")
]
ExerciseDir = Annotated[
    Path,
    typer.Option("--dir", help="Where your exercise files are.", file_okay=False),
]


@exercise_app.callback()
def exercise_callback(ctx: typer.Context) -> None:
    """Every exercise with its state; `frcli exercise start NAME` writes one to edit."""
    if ctx.invoked_subcommand is None:
        from .commands.exercise import list_exercises

        handled(list_exercises)()


@exercise_app.command("list", cls=Command)
@handled
def exercise_list_command(
    as_json: MachineJson = False,
    no_color: NoColor = False,
) -> int:
    """Every exercise with its state (not started, failing, done); the next one marked."""
    from .commands.exercise import list_exercises

    return list_exercises(as_json=as_json, no_color=no_color)


@exercise_app.command("start", cls=Command)
@handled
def exercise_start_command(
    name: ExerciseName,
    directory: ExerciseDir = DEFAULT_DIR,
    force: Annotated[
        bool, typer.Option("--force", help="Start again; your file is kept as a .bak.")
    ] = False,
) -> int:
    """Write the exercise's starter to DIR/<name>.py and say what to change."""
    from .commands.exercise import start_exercise

    return start_exercise(name, directory=directory, force=force)


@exercise_app.command("check", cls=Command)
@handled
def exercise_check_command(
    name: ExerciseName,
    directory: ExerciseDir = DEFAULT_DIR,
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdict as JSON.")] = False,
    no_color: NoColor = False,
) -> int:
    """Run your file's app, send the exercise's requests, and check every answer.

    Exit 0 when every expectation holds, 1 when one does not.
    """
    from .commands.exercise import check_exercise

    return check_exercise(name, directory=directory, as_json=as_json, no_color=no_color)


@exercise_app.command("watch", cls=Command)
@handled
def exercise_watch_command(
    name: Annotated[
        str | None,
        typer.Argument(metavar="NAME", help="Exercise to begin with (default: the next one)."),
    ] = None,
    directory: ExerciseDir = DEFAULT_DIR,
    manual_run: Annotated[
        bool,
        typer.Option("--manual-run", help="Check only when you press r (no file watching)."),
    ] = False,
    no_color: NoColor = False,
) -> int:
    """Check again on every save; keys: h hint, l list, n next, r re-check, q quit."""
    from .commands.exercise import watch_exercises

    return watch_exercises(name, directory=directory, manual_run=manual_run, no_color=no_color)


@exercise_app.command("hint", cls=Command)
@handled
def exercise_hint_command(name: ExerciseName, no_color: NoColor = False) -> int:
    """The next hint for an exercise (the ones before it too)."""
    from .commands.exercise import show_hint

    return show_hint(name, no_color=no_color)


@exercise_app.command("solution", cls=Command)
@handled
def exercise_solution_command(
    name: ExerciseName,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Show it even before your file passes.")
    ] = False,
    no_color: NoColor = False,
) -> int:
    """A solution, once your file passes (or after you confirm)."""
    from .commands.exercise import show_solution

    return show_solution(name, yes=yes, no_color=no_color)


@exercise_app.command("reset", cls=Command)
@handled
def exercise_reset_command(name: ExerciseName, directory: ExerciseDir = DEFAULT_DIR) -> int:
    """Put the starter back in your file (your version is kept as a .bak)."""
    from .commands.exercise import reset_exercise

    return reset_exercise(name, directory=directory)


dev_app = typer.Typer(
    name="dev",
    cls=Group,
    help="Commands for authors of demos, quizzes and exercises.",
    add_completion=False,
    no_args_is_help=True,
)
app.add_typer(dev_app)


@dev_app.command("check", cls=Command)
@handled
def dev_check_command(no_color: NoColor = False) -> int:
    """Check all content: demos' META, quiz files, exercises and the references between them.

    One line per problem and exit 1 when there is any; exit 0 when all is well.
    """
    from .commands.dev import check

    return check(no_color=no_color)


def _usage(ctx: Any) -> tuple[str, str]:  # Typer's vendored click Context, or None
    """The one usage line and the command path for an error (Click leaves ``ctx`` out for some
    errors, such as an option missing its value: then the command named on the line)."""
    from typer.main import get_command

    if ctx is None:
        group = get_command(app)
        ctx = group.make_context("frcli", [], resilient_parsing=True)
        name = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
        sub = group.get_command(ctx, name) if name and hasattr(group, "get_command") else None
        if sub is not None:
            ctx = sub.make_context(name, [], parent=ctx, resilient_parsing=True)
    lines = ctx.get_usage().splitlines()
    return (lines[0] if lines else "Usage: frcli"), ctx.command_path


def main() -> None:
    """Run the app; a usage error is the usage line and one error line on stderr, exit 2."""
    from typer import _click as click  # Typer's own copy of Click: its exceptions are these

    try:
        code = app(prog_name="frcli", standalone_mode=False)
    except click.exceptions.UsageError as exc:
        from .console import error

        usage, where = _usage(exc.ctx)
        print(usage, file=sys.stderr)
        error(f"{exc.format_message()} ({where} -h for help)")
        sys.exit(2)
    except click.exceptions.ClickException as exc:
        from .console import error

        error(exc.format_message())
        sys.exit(exc.exit_code)
    except typer.Abort:  # end of input at a Click prompt; frcli has none today
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
