"""The process the suite forks `python -m fastapi_responses_cli` runs from (see tests/forkrun.py).

Started once per test worker as ``python -c <this file's source> FD``. It imports what every
frcli run imports before it reads its command line, then waits on the socket FD. For each
request (the arguments, cwd, environment, ids, and the child's standard streams as file
descriptors) it forks twice: the grandchild becomes that frcli run, and the middle process
exits at once, so the grandchild is handed to the test worker (a child subreaper) and the
worker's ``subprocess.Popen`` waits for it, signals it and reads its exit status as for any
child of its own.

The grandchild then does what the interpreter's start-up does for ``python [-P] -m MODULE``:
the streams on 0, 1 and 2 (buffered, or not with PYTHONUNBUFFERED), the environment,
sys.path[0], sys.argv, then MODULE (the package's ``__main__``, or the exercise child) run as
the main module. It exits as an interpreter does: SystemExit, atexit handlers, flushed streams.
"""

from __future__ import annotations

import collections.abc
import gc
import io
import json
import os
import socket
import sys
import threading
from typing import Any

# What a run imports before its command runs (typer, the command table, the console), and the
# web stack that demo, inspect, serve and exercise import first thing. What a command imports
# after these (a demo's module, the learner's app) is imported in the forked run itself.
PRELOAD = (
    "fastapi_responses_cli.cli",
    "fastapi_responses_cli.console",
    "rich.console",
    "fastapi",
    "uvicorn",
    "httpx",
)
MAX_MESSAGE = 1 << 20


class _EnvSpy(collections.abc.MutableMapping[str, str]):
    """os.environ, noting each name read while the preloaded modules are imported: a request
    whose environment differs in one of those is not forked (the worker runs it for real)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> str:  # Mapping's get() and `in` come through here
        self.read.add(key)
        return self.inner[key]  # type: ignore[no-any-return]

    def __setitem__(self, key: str, value: str) -> None:
        self.inner[key] = value

    def __delitem__(self, key: str) -> None:
        del self.inner[key]

    def __iter__(self) -> collections.abc.Iterator[str]:
        self.read.add("*")
        return iter(self.inner)

    def __len__(self) -> int:
        return len(self.inner)


def _preload() -> set[str]:
    real = os.environ
    spy = _EnvSpy(real)
    os.environ = spy  # type: ignore[assignment]  # noqa: B003  # put back below
    try:
        for name in PRELOAD:
            __import__(name)
    finally:
        os.environ = real  # noqa: B003
    return spy.read


def _serve(sock: socket.socket) -> tuple[dict[str, Any], list[int]]:
    """Answer requests until the worker closes the socket; in a grandchild, return its request."""
    read = _preload()
    gc.freeze()  # what the preload made stays out of the children's collections (and pages)
    threads = threading.active_count()  # a fork copies only the thread that calls it
    sock.send(json.dumps({"read": sorted(read), "threads": threads}).encode())
    while True:
        message, fds, _flags, _addr = socket.recv_fds(sock, MAX_MESSAGE, 64)
        if not message:
            os._exit(0)  # the worker is done
        request = json.loads(message)
        sys.stdout.flush()
        sys.stderr.flush()
        r, w = os.pipe()
        middle = os.fork()
        if middle == 0:
            try:
                pid = os.fork()
            except OSError:
                os._exit(1)
            if pid == 0:
                os.close(r)
                os.close(w)
                return request, fds
            os.write(w, str(pid).encode())
            os._exit(0)
        os.close(w)
        for fd in fds:
            os.close(fd)
        with os.fdopen(r, "rb") as reader:
            answer = reader.read()
        os.waitpid(middle, 0)  # once it is gone, the grandchild is the worker's
        reply = {"pid": int(answer)} if answer else {"error": "fork failed"}
        sock.send(json.dumps(reply).encode())


def _std_streams(unbuffered: bool) -> None:
    """New sys.stdin/stdout/stderr over fds 0-2, made as the interpreter makes them: the same
    encoding and errors; stdout line-buffered only on a terminal, stderr always; with
    PYTHONUNBUFFERED, stdout and stderr unbuffered and all three write-through."""
    made = []
    for fd, old in ((0, sys.__stdin__), (1, sys.__stdout__), (2, sys.__stderr__)):
        assert old is not None
        raw = io.FileIO(fd, "rb" if fd == 0 else "wb", closefd=False)
        buffered: Any = (
            io.BufferedReader(raw) if fd == 0 else raw if unbuffered else io.BufferedWriter(raw)
        )
        made.append(
            io.TextIOWrapper(
                buffered,
                encoding=old.encoding,
                errors=old.errors,
                newline="\n",
                line_buffering=not unbuffered and (fd == 2 or raw.isatty()),
                write_through=unbuffered,
            )
        )
    sys.stdin, sys.stdout, sys.stderr = made
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = made  # type: ignore[misc]


def _become(request: dict[str, Any], fds: list[int], sock: socket.socket) -> None:
    """In the grandchild: set up the process as the request says, then run frcli."""
    import fcntl
    import importlib
    import runpy
    import signal

    sock.close()
    if request["session"]:
        os.setsid()
    elif request["pgid"] >= 0:
        os.setpgid(0, request["pgid"])
    targets: list[int] = request["targets"]
    moved = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 512) for fd in fds]
    for fd in fds:
        os.close(fd)
    for fd, target in zip(moved, targets, strict=True):
        os.dup2(fd, target)  # inheritable, as Popen leaves them
    for fd in moved:
        os.close(fd)
    keep = sorted(set(targets) | {0, 1, 2})
    for low, high in zip(keep, [*keep[1:], 65536], strict=True):
        os.closerange(low + 1, high)
    if request["umask"] >= 0:
        os.umask(request["umask"])
    if request["gids"] is not None:
        os.setgroups(request["gids"])
    if request["gid"] is not None:
        os.setregid(request["gid"], request["gid"])
    if request["uid"] is not None:
        os.setreuid(request["uid"], request["uid"])
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    signal.signal(signal.SIGINT, signal.default_int_handler)
    _std_streams(request["unbuffered"])
    sys.dont_write_bytecode = request["dont_write_bytecode"]
    if request["safe_path"]:
        del sys.path[0]  # `python -P -m` puts nothing first
    else:
        sys.path[0] = os.getcwd()  # what `python -m` puts first
    importlib.invalidate_caches()
    sys.argv = ["-m", *request["args"]]
    runpy._run_module_as_main(request["module"])  # type: ignore[attr-defined]


if __name__ == "__main__":
    _sock = socket.socket(fileno=int(sys.argv[1]))
    _request, _fds = _serve(_sock)
    _become(_request, _fds, _sock)
