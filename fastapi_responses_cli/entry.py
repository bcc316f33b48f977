"""The ``frcli`` entry point: Ctrl-C and the standard streams are dealt with before anything else.

Importing this module installs the Ctrl-C handler (see :mod:`.interrupts`): a minimal one on
the first lines, so not even this module's own imports run without it. Only the entry point
(``frcli``, ``python -m fastapi_responses_cli``) imports it.
"""

import _signal  # type: ignore[import-not-found]  # no stub; the same API as signal
import os


def _early(signum: int, frame: object) -> None:
    os.write(2, b"frcli: interrupted\n")
    os._exit(130)


_signal.signal(_signal.SIGINT, _early)

import sys  # noqa: E402  # after the handler, on purpose

from . import interrupts  # noqa: E402

interrupts.install()


def main() -> None:
    interrupts.install()
    from .console import setup_streams

    setup_streams()
    code: int | str | None = 0
    try:
        from .cli import main as cli_main

        cli_main()
    except SystemExit as exc:
        code = exc.code
    except BaseException as exc:
        if not interrupts.caused_by_interrupt(exc):
            raise
        interrupts.say_interrupted()
        code = 130
    status = code if isinstance(code, int) else (0 if code is None else 1)
    if isinstance(code, str):
        print(code, file=sys.stderr)
    # Done: a Ctrl-C from now on ends the process with this code, quietly. While the interpreter
    # shuts down it is ignored: Python puts back the default action (a silent death by SIGINT,
    # losing the code) for handlers written in Python, but leaves "ignore" alone.
    interrupts.finishing(status)
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
    sys.exit(status)


if __name__ == "__main__":
    main()
