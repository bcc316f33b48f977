"""frcli: watch FastAPI build real HTTP responses. The version is written here only: the
package metadata (pyproject.toml, ``dynamic = ["version"]``) is read from this line."""

__version__ = "0.1.0"

# Ctrl-C before frcli's entry point has even been imported (its first ~10 ms under load): end
# quietly with 130 instead of a KeyboardInterrupt traceback. Only when this import is frcli
# starting (the `frcli` script, `python -m fastapi_responses_cli`), and only in place of
# Python's own default handler, so a program that imports the package keeps its Ctrl-C.
# fastapi_responses_cli.entry replaces it with the full handler (interrupts.py) at once.
import sys as _sys

if _sys.argv and (_sys.argv[0] == "-m" or _sys.argv[0].replace("\\", "/").endswith("/frcli")):
    import _signal  # type: ignore[import-not-found]  # the C half of signal: already loaded

    def _early_ctrl_c(signum: int, frame: object) -> None:
        import os

        os.write(2, b"frcli: interrupted\n")
        os._exit(130)

    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, _early_ctrl_c)
