"""The fresh interpreter one check runs in: ``python -m fastapi_responses_cli.exercises.child``.

It imports FastAPI, uvicorn and httpx first and says ``ready`` (so a parent can keep one warm),
then reads one job (a JSON line on stdin), imports the learner's file, serves its ``app`` on
127.0.0.1, sends the job's requests and reports every recorder event as a JSON line, then exits
without a graceful stop (nothing is left to say to anyone).

The protocol goes to the original stdout; the learner's ``print`` output and their loggers
become server log entries (a background task's line is something a check can expect), and
file descriptor 1 is pointed at stderr so nothing the app writes can corrupt the protocol.
Times are ``time.perf_counter()`` values: CLOCK_MONOTONIC on Linux, the same clock as the
parent's.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import time
from typing import IO, Any

_out: IO[str]


def send(message: dict[str, Any]) -> None:
    _out.write(json.dumps(message, ensure_ascii=False) + "\n")
    _out.flush()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def main() -> int:
    global _out
    _out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    import faulthandler
    import signal

    if hasattr(signal, "SIGUSR1"):  # the parent asks where a hung app is before it kills it
        faulthandler.register(signal.SIGUSR1, all_threads=True)

    # The warm part: everything a check needs, imported before the job is known.
    import fastapi
    import fastapi.responses
    import fastapi.sse  # noqa: F401
    import httpx  # noqa: F401
    import uvicorn  # noqa: F401

    from .. import live_server, recorder, usercode  # noqa: F401
    from ..content import Example  # noqa: F401

    _first_use()
    if "--zygote" in sys.argv[1:] and hasattr(os, "fork"):
        return _zygote()
    parent = os.getppid()
    send({"ev": "ready", "pid": os.getpid()})
    line = sys.stdin.readline()
    if not line:
        return 0  # the parent went away, or did not need us
    _job(json.loads(line), parent)
    return 0


def _job(job: dict[str, Any], parent: int) -> None:
    """Run one job and end this process (no graceful stop: nobody is left to talk to)."""
    _watchdog(parent, float(job.get("timeout") or 120) + 10.0)
    try:
        if "requests" not in job:  # sent before the parent had read the spec
            _from_spec(job)
        run(job)
    except BaseException as exc:  # anything else is frcli's bug: say so, briefly
        send({"ev": "crash", "message": f"{type(exc).__name__}: {exc}"})
    send({"ev": "done"})
    _out.flush()
    sys.stderr.flush()
    os._exit(0)


def _first_use() -> None:
    """What a first check pays beyond the imports, paid before the job is known (and in a
    zygote once, not in every forked job): an OpenAPI document built (FastAPI imports its
    pydantic.v1 checks then), uvicorn's protocol and lifespan classes resolved, anyio's
    asyncio backend and streams loaded. No server runs and no thread starts here: a fork
    copies one thread. Measured on created-status's solution: a forked job's CPU, 90 ms
    without this, 45 ms with it."""
    import importlib

    import uvicorn
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/")
    def root() -> dict[str, int]:
        return {}

    app.openapi()
    uvicorn.Config(app, log_config=None).load()
    for name in (
        "anyio._backends._asyncio",
        "anyio.streams.memory",
        "encodings.idna",
        "uvicorn.loops.auto",
        "uvicorn.loops.asyncio",
        "pydantic._internal._dataclasses",
        "fastapi.telemetry._runtime",
    ):
        try:
            importlib.import_module(name)
        except ImportError:  # another version's layout: the job imports what it needs
            pass


def _zygote() -> int:
    """Warm once, then fork a fresh process per job: each job starts from this state (FastAPI
    imported, the learner's module never), so a check is ready the moment a file is saved.
    The forked process says its pid ("job"), runs the job and exits; its exit code follows
    ("exited"), then the next job is read."""
    import threading

    me, parent = os.getpid(), os.getppid()
    current: list[int] = []

    def orphaned() -> None:  # frcli is gone (even by kill -9): end the job and ourselves
        while os.getppid() == parent:
            time.sleep(0.25)
        for pid in current:
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        os._exit(1)

    threading.Thread(target=orphaned, name="frcli-zygote-watchdog", daemon=True).start()
    send({"ev": "ready", "pid": me})
    while True:
        line = sys.stdin.readline()
        if not line:
            return 0
        job = json.loads(line)
        _out.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            try:
                sys.stdin.close()
                os.close(0)
            except OSError:
                pass
            send({"ev": "job", "pid": os.getpid()})
            _job(job, me)
        current[:] = [pid]
        _, status = os.waitpid(pid, 0)
        current.clear()
        send({"ev": "exited", "code": os.waitstatus_to_exitcode(status)})


def _from_spec(job: dict[str, Any]) -> None:
    """Fill in an early job (exercise and file only) the way the parent would have."""
    from pathlib import Path

    from .checker import check_job
    from .spec import load_spec

    name = job["exercise"]
    job.update(check_job(name, Path(job["path"]), load_spec(name), job.get("timeout")))


def _watchdog(parent: int, limit: float) -> None:
    """End this process if frcli goes away (even by kill -9) or the job runs far past its
    time: a learner's endless loop must not outlive the check that started it."""
    import threading

    deadline = time.monotonic() + limit

    def watch() -> None:
        while True:
            time.sleep(0.25)
            if os.getppid() != parent or time.monotonic() > deadline:
                os._exit(1)

    threading.Thread(target=watch, name="frcli-watchdog", daemon=True).start()


class _Printed:
    """sys.stdout for the learner's app: each line printed becomes a server log entry."""

    def __init__(self, log: Any, source: str) -> None:
        self.log = log
        self.source = source
        self._pending = ""

    def write(self, text: str) -> int:
        data = self._pending + text
        *lines, self._pending = data.split("\n")
        for line in lines:
            self.log.add("PRINT", self.source, line)
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.log.add("PRINT", self.source, self._pending)
            self._pending = ""

    def isatty(self) -> bool:
        return False


def _install_logging(log: Any, files: list[Any]) -> list[BaseException]:
    """Every log record at INFO and above, from any logger, into ``log``; uvicorn's lifecycle
    chatter left out. Exceptions attached to records are kept (start-up failures) and shown
    as the learner's traceback."""
    import logging
    import warnings

    from ..usercode import learner_traceback

    seen: list[BaseException] = []

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.name.startswith("uvicorn") and record.levelno < logging.WARNING:
                return
            if record.name.split(".")[0] in ("httpx", "httpcore"):  # frcli's own client
                return
            try:
                message = record.getMessage().rstrip()
            except Exception:  # a learner's bad format string
                message = str(record.msg)
            if record.exc_info and record.exc_info[1] is not None:
                exc = record.exc_info[1]
                seen.append(exc)
                message = f"{message}\n{learner_traceback(exc, files)}"
            log.add(record.levelname, record.name, message)

    root = logging.getLogger()
    root.handlers[:] = [Handler(logging.INFO)]
    root.setLevel(logging.INFO)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.asgi", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True

    def showwarning(message: Any, category: Any, *args: Any, **kwargs: Any) -> None:
        log.add("WARNING", category.__name__, str(message).split("\n")[0])

    warnings.simplefilter("default")
    warnings.showwarning = showwarning
    return seen


def _log_entries(entries: list[Any]) -> list[list[Any]]:
    return [[e.t, e.level, e.source, e.message] for e in entries]


def run(job: dict[str, Any]) -> None:
    from pathlib import Path

    from ..content import Example
    from ..live_server import LiveServer, ServerLog
    from ..recorder import make_client, run_example
    from ..usercode import UserCodeError, learner_traceback, load_app_target, trim_traceback_text

    start = time.perf_counter()
    path = Path(job["path"]).resolve()
    files = [path]
    log = ServerLog()
    os.chdir(path.parent)
    seen = _install_logging(log, files)
    printed = _Printed(log, "print")
    sys.stdout = printed  # a text stream for print()

    try:
        app = load_app_target(str(path) + ":" + job.get("app", "app")).app
    except UserCodeError as exc:
        send({"ev": "error", "stage": "import", "message": exc.message, "trace": exc.trace})
        return
    printed.flush()
    server = LiveServer(app, log=log)
    try:
        server.start(timeout=max(0.5, job["timeout"] - (time.perf_counter() - start)))
    except BaseException as exc:
        # uvicorn ends a failed start-up with SystemExit; the learner's error was logged first.
        cause = seen[-1] if seen else server._error
        # Starlette reports a lifespan failure as text (a formatted traceback) in the log.
        entries = [e.message for e in log.entries if e.level in ("ERROR", "CRITICAL")]
        if entries:
            trace = "\n".join(trim_traceback_text(m, files) for m in entries)
        else:
            trace = learner_traceback(cause, files) if cause is not None else ""
        send(
            {
                "ev": "error",
                "stage": "startup",
                "message": f"{path.name}: the app did not start up"
                + (f" ({exc})" if not trace else ""),
                "trace": trace,
            }
        )
        return
    send(
        {
            "ev": "started",
            "url": server.url,
            "startup_log": _log_entries(log.before(time.perf_counter())),
        }
    )
    with make_client() as client:
        for raw in job["requests"]:
            example = Example.model_validate(raw)
            client.cookies.clear()
            sent = 0  # chunk messages sent for the current exchange
            for event in run_example(
                client, server.url, job["exercise"], example, log, settle=server.wait_idle
            ):
                printed.flush()
                if event.kind == "request":
                    sent = 0
                send(_encode(event, sent))
                if event.kind == "chunk":
                    sent += 1
        if job.get("openapi"):
            send(_openapi(client, server.url))


def _encode(event: Any, sent: int) -> dict[str, Any]:
    """One recorder event as a message. The end of an exchange carries only what the parent
    has not seen: ``tail``, the chunks after the ``sent`` it had as chunk messages (the
    decoder's last bytes); the parent counts the chunks itself and fills the JSON's in."""
    ex = event.exchange
    if event.kind == "request":
        req = ex.request
        return {
            "ev": "request",
            "example": ex.example,
            "hop": ex.hop,
            "method": req.method,
            "url": req.url,
            "headers": req.headers,
            "body": _b64(req.body),
        }
    if event.kind == "head":
        head = ex.response
        return {
            "ev": "head",
            "t0": ex.t0,
            "t_head": ex.t_head,
            "status": head.status,
            "reason": head.reason,
            "http_version": head.http_version,
            "headers": head.headers,
        }
    if event.kind == "chunk":
        chunk = event.chunk
        return {"ev": "chunk", "t": chunk.t, "size": chunk.size, "data": _b64(chunk.data)}
    return {
        "ev": "end",
        "t0": ex.t0,
        "t_end": ex.t_end,
        "error": ex.error,
        "stopped": ex.stopped,
        "last": ex.last,
        "tail": [[c.t, c.size, _b64(c.data)] for c in ex.chunks[sent:]],
        "timings": vars(ex.timings),
        "started_at": ex.started_at,
        "server_log": _log_entries(ex.server_log),
        "json": {**ex.to_json(), "chunks": None},
    }


def _openapi(client: Any, url: str) -> dict[str, Any]:
    """What the app documents at /openapi.json, fetched over the wire like any client would."""
    import httpx

    try:
        response = client.get(url + "/openapi.json")
    except httpx.HTTPError as exc:
        return {"ev": "openapi", "status": None, "doc": None, "error": str(exc)}
    try:
        doc = response.json()
    except ValueError:
        doc = None
    return {"ev": "openapi", "status": response.status_code, "doc": doc, "error": None}


if __name__ == "__main__":
    sys.exit(main())
