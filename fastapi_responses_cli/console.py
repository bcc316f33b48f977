"""Where terminal vs pipe is decided, once (as HTTPie's output layer does).

Colour is off when output is not a terminal, when ``NO_COLOR`` is set (any value), or with
``--no-color``; then no escape codes at all are written. ``FORCE_COLOR`` forces it on.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported only by commands that draw something
    from rich.console import Console


def color_wanted(no_color: bool = False, stream=None) -> bool:
    stream = stream or sys.stdout
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def make_console(
    no_color: bool = False, *, stderr: bool = False, width: int | None = None
) -> Console:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    color = color_wanted(no_color, stream)
    if width is None:  # decided once: rich would otherwise ask the terminal on every print
        width = terminal_width(stream)
    return Console(
        file=stream,
        color_system="auto" if color else None,
        # Decided here once; left as None, rich re-reads the environment on every print.
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        width=width,
        soft_wrap=False,
    )


def terminal_width(stream=None) -> int:
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


def error(message: str) -> None:
    """One line on stderr, no traceback."""
    print(f"frcli: error: {message}", file=sys.stderr)
