"""Where terminal vs pipe is decided, once (as HTTPie's output layer does).

Colour is off when output is not a terminal, when ``NO_COLOR`` is set (any value), or with
``--no-color``; then no escape codes at all are written. ``FORCE_COLOR`` forces it on.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # rich is imported only by commands that draw something
    from rich.console import Console


def color_wanted(no_color: bool = False, stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _console_class() -> type[Console]:
    from rich.console import Console

    class PipeAwareConsole(Console):
        """rich answers a closed pipe with SystemExit(1); a reader that stopped early
        (`| head`) is not an error, so the command's handler ends quietly with 0 instead."""

        def on_broken_pipe(self) -> None:
            silence_stdout()
            raise BrokenPipeError

    return PipeAwareConsole


def make_console(
    no_color: bool = False, *, stderr: bool = False, width: int | None = None
) -> Console:
    _Console = _console_class()
    stream = sys.stderr if stderr else sys.stdout
    color = color_wanted(no_color, stream)
    if width is None:  # decided once: rich would otherwise ask the terminal on every print
        width = terminal_width(stream)
    console = _Console(
        # Plain output: rich pads wrapped lines with spaces; drop them so output diffs cleanly.
        file=stream if color else TrimmedLines(stream),  # type: ignore[arg-type]  # a text stream
        color_system="auto" if color else None,
        # Decided here once; left as None, rich re-reads the environment on every print.
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        width=width,
        soft_wrap=False,
    )
    return console


def silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class TrimmedLines:
    """A text stream that drops the spaces rich leaves at line ends, so plain output diffs cleanly.

    Only complete lines are trimmed: a prompt such as ``Answer (1-4): `` is flushed as it is.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        data = self._pending + text
        *lines, self._pending = data.split("\n")
        if lines:
            self.stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.stream.write(self._pending)
            self._pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", "utf-8")


def terminal_width(stream: TextIO | None = None) -> int:
    """COLUMNS if set, else the terminal's width, else 80 (pipes)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = stream or sys.stdout
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        pass
    return 80


def is_interactive() -> bool:
    """True when a person can answer prompts: stdin and stdout are both terminals."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def error(message: str, label: str | None = "error") -> None:
    """One line on stderr, no traceback: control characters in ``message`` are escaped."""
    from .errors import one_line

    head = f"frcli: {label}: " if label else "frcli: "
    print(head + one_line(message), file=sys.stderr)
