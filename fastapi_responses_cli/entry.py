"""The ``frcli`` entry point: Ctrl-C and the standard streams are dealt with before anything else.

Ctrl-C has two behaviours. While frcli starts (imports, parsing) and after a command is done, it
ends the process at once: one line (``frcli: interrupted``), exit 130, no traceback, nothing
half-imported left to complain at shutdown. While a command runs (:func:`interruptible`, which
``cli.handled`` enters), it raises ``KeyboardInterrupt`` as usual, so a quiz can print the score
so far and a demo can stop its server; the command's handler turns it into the same one line and
130. A second Ctrl-C while that happens ends the process at once.

Nothing heavy is imported here: the handler is in place before Typer is.
"""

# Only modules the interpreter has already loaded (``_signal`` is the C half of ``signal``, which
# would import enum and functools first): every millisecond before main() installs the handler
# is a window for a traceback.
import _signal  # type: ignore[import-not-found]  # no stub; the same API as signal
import os
import sys

_raising = False


def _interrupted_line() -> bytes:
    try:
        lead = "\n" if os.isatty(2) else ""  # end the terminal's "^C" line first
    except OSError:
        lead = ""
    return f"{lead}frcli: interrupted\n".encode()


def exit_interrupted() -> None:
    """One line on stderr and exit 130, from anywhere (a signal handler included)."""
    try:
        os.write(2, _interrupted_line())
    except OSError:
        pass
    os._exit(130)


def _on_sigint(signum: int, frame: object) -> None:
    global _raising
    if _raising:
        _raising = False  # a second Ctrl-C while the first is handled: end now
        raise KeyboardInterrupt
    exit_interrupted()


class interruptible:  # lower case: used as a context manager, like contextlib's
    """Within the block, Ctrl-C raises KeyboardInterrupt (once); outside, it ends frcli.

    Has no effect unless frcli was started by :func:`main` (Typer's test runner, say).
    """

    def __enter__(self) -> None:
        global _raising
        if _signal.getsignal(_signal.SIGINT) is _on_sigint:
            _raising = True

    def __exit__(self, *exc: object) -> None:
        global _raising
        _raising = False


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


def main() -> None:
    global _raising
    _signal.signal(_signal.SIGINT, _on_sigint)
    from .console import setup_streams

    setup_streams()
    try:
        from .cli import main as cli_main

        cli_main()
    except SystemExit:
        raise
    except BaseException as exc:
        if caused_by_interrupt(exc):
            exit_interrupted()
        raise
    finally:
        _raising = False  # shutting down: Ctrl-C now ends the process at once
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            pass


if __name__ == "__main__":
    main()
