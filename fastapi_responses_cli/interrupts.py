"""Ctrl-C, everywhere: exit 130 with one line (``frcli: interrupted``), never a traceback.

Two behaviours. While frcli starts (imports, parsing), after a command is done and while the
interpreter shuts down, Ctrl-C ends the process at once: nothing half-imported is left to
complain. While a command runs (:class:`interruptible`, which ``cli.handled`` enters) it raises
``KeyboardInterrupt`` as usual, so a quiz can print the score so far and a demo can stop its
server; the handler turns it into the same one line and 130. A second Ctrl-C while that happens
ends the process at once. The line is printed once, whoever prints it.

Standard library modules the interpreter has already loaded only (``_signal`` is the C half of
``signal``, which would import enum and functools first): :mod:`.entry` installs the handler
before anything else is imported. Importing this module installs nothing.
"""

import _signal  # type: ignore[import-not-found]  # no stub; the same API as signal
import os
import sys

_state = {"raising": False, "said": False, "exit_code": 130}


def say_interrupted() -> None:
    """``frcli: interrupted`` on stderr, once per process."""
    if _state["said"]:
        return
    _state["said"] = True
    try:
        lead = "\n" if os.isatty(2) else ""  # end the terminal's "^C" line first
    except OSError:
        lead = ""
    try:
        sys.stderr.flush()
    except Exception:
        pass
    try:
        os.write(2, f"{lead}frcli: interrupted\n".encode())
    except OSError:
        pass


def exit_now(code: int) -> None:
    """Leave at once (a signal handler may call this): buffered stdout is flushed if it can be."""
    try:
        sys.stdout.flush()
    except Exception:
        pass
    os._exit(code)


def on_sigint(signum: int, frame: object) -> None:
    if _state["raising"]:
        _state["raising"] = False  # a second Ctrl-C while the first is handled: end now
        raise KeyboardInterrupt
    if _state["exit_code"] == 130:
        say_interrupted()
    exit_now(int(_state["exit_code"]))


def install() -> None:
    _signal.signal(_signal.SIGINT, on_sigint)


def finishing(code: int) -> None:
    """The command is done with ``code``: a Ctrl-C from now on ends the process with it."""
    _state["raising"] = False
    _state["exit_code"] = code


class interruptible:  # lower case: used as a context manager, like contextlib's
    """Within the block, Ctrl-C raises KeyboardInterrupt (once); outside, it ends frcli.

    Has no effect unless frcli was started by the entry point (Typer's test runner, say).
    """

    def __enter__(self) -> None:
        if _signal.getsignal(_signal.SIGINT) is on_sigint:
            _state["raising"] = True

    def __exit__(self, *exc: object) -> None:
        _state["raising"] = False


def caused_by_interrupt(exc: BaseException) -> bool:
    """A KeyboardInterrupt wrapped by the code it interrupted (RuntimeError: Error calling
    __set_name__, an import's error, an exception group)."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, KeyboardInterrupt):
            return True
        todo += [x for x in (e.__cause__, e.__context__) if x is not None]
        todo += list(getattr(e, "exceptions", ()))
    return False
