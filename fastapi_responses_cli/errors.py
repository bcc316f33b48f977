"""Errors the CLI reports as one line and a non-zero exit code, never a traceback."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def shown(name: str) -> str:
    """A name from the command line as an error line shows it: quoted, with newlines, ESC and
    other control characters escaped the way ``repr`` does, so the line stays one line and no
    escape sequence reaches the terminal."""
    return repr(name)


def one_line(text: str) -> str:
    """``text`` with every control character escaped (``\\n``, ``\\x1b``): safe as one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class FrcliError(Exception):
    """A problem the learner can fix; printed as one line, exits with ``code``.

    ``label`` is the word after ``frcli:`` (``frcli: error: ...``); ``None`` prints the message
    alone (``frcli: cannot save your answer: disk full``).
    """

    def __init__(self, message: str, code: int = 1, *, label: str | None = "error") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.label = label


class UnknownName(FrcliError):
    """An unknown demo, example or topic: exit 2 with a "did you mean" hint."""

    def __init__(
        self,
        kind: str,
        name: str,
        known: Iterable[str],
        where: str = "",
        *,
        elsewhere: str | None = None,
    ) -> None:
        """``elsewhere``: the name is known to another catalogue; say so instead of guessing
        (e.g. "'cors' is a quiz topic: frcli quiz cors")."""
        known = list(known)
        self.suggestion = closest(name, known)
        if elsewhere:
            message = f"unknown {kind} {shown(name)}{where}. {elsewhere}"
        else:
            hint = f" Did you mean '{self.suggestion}'?" if self.suggestion else ""
            message = f"unknown {kind} {shown(name)}{where}.{hint} Known: {', '.join(known)}"
        super().__init__(message, code=2)


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name ``name`` was most likely meant to be, or None."""
    known = list(known)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    # A prefix or substring match is a better guess than nothing ("stream" -> "streaming").
    if not close:
        close = [k for k in known if name and (k.startswith(name) or name in k)][:1]
    return close[0] if close else None
