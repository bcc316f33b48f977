"""The Typer app: parse, then call one function per command.

No logic and no heavy imports here: FastAPI, uvicorn, httpx and rich are imported inside the
commands that need them, so ``frcli --help`` stays about as fast as importing Typer.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec

import typer

from .clients import SERVE_HOST, SERVE_PORT
from .errors import FrcliError, shown

P = ParamSpec("P")

app = typer.Typer(
    name="frcli",
    add_completion=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    # Plain Click help: Typer's rich help pulls in rich and markdown-it (~80 ms) on every --help.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

NoColor = Annotated[bool, typer.Option("--no-color", help="Plain text, no escape codes.")]


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


@app.command("list")
@handled
def list_command(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    no_color: NoColor = False,
) -> int:
    """List every demo, its examples, and every quiz topic."""
    from .commands.list import show_list

    return show_list(as_json=as_json, no_color=no_color)


@app.command("demo")
@handled
def demo_command(
    name: Annotated[str | None, typer.Argument(help="Demo name, e.g. streaming.")] = None,
    example: Annotated[str | None, typer.Argument(help="One example of the demo.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the recorded timeline as JSON.")
    ] = False,
    curl: Annotated[
        bool, typer.Option("--curl", help="Print the equivalent curl commands and exit.")
    ] = False,
    httpie: Annotated[
        bool, typer.Option("--httpie", help="Print the equivalent HTTPie commands and exit.")
    ] = False,
    full: Annotated[bool, typer.Option("--full", help="Show long bodies in full.")] = False,
    no_source: Annotated[
        bool, typer.Option("--no-source", help="Do not show the route's source.")
    ] = False,
    no_color: NoColor = False,
) -> int:
    """Run a demo: a real FastAPI app answers, shown chunk by chunk.

    Without EXAMPLE every example runs in order. Examples: frcli demo streaming,
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
        full=full,
        source=not no_source,
        no_color=no_color,
    )


@app.command("quiz")
@handled
def quiz_command(
    topic: Annotated[
        str | None,
        typer.Argument(help="Quiz topic, e.g. response-models; or 'validate FILE...'."),
    ] = None,
    paths: Annotated[
        list[Path] | None, typer.Argument(help="With 'validate': quiz files to check.")
    ] = None,
    count: Annotated[
        int | None, typer.Option("--count", "-n", min=1, help="Ask at most N questions.")
    ] = None,
    difficulty: Annotated[
        str | None, typer.Option("--difficulty", help="easy, medium or hard.")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Reproducible order.")] = None,
    review: Annotated[
        bool, typer.Option("--review", help="Ask the questions due for review, all topics.")
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
        topic, count=count, difficulty=difficulty, seed=seed, review=review, no_color=no_color
    )


@app.command("progress")
@handled
def progress_command(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
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


@app.command("serve")
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


dev_app = typer.Typer(
    name="dev",
    help="Commands for authors of demos, quizzes and exercises.",
    add_completion=False,
    no_args_is_help=True,
)
app.add_typer(dev_app)


@dev_app.command("check")
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
