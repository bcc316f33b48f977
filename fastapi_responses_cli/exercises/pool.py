"""Child interpreters for checks, started ahead of time.

A :class:`WarmChild` is a ``python -m fastapi_responses_cli.exercises.child`` process that has
already imported FastAPI, uvicorn and httpx and waits for one job. Each check uses one and the
child exits after it, so every check runs the learner's file in a fresh interpreter; keeping the
next one started (:class:`ChildPool`) takes the imports off the time from a save to a verdict.

Standard library only.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

CHILD_MODULE = "fastapi_responses_cli.exercises.child"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed copy has its .pyc files: use them
    env["PYTHONUNBUFFERED"] = "1"
    # The learner's app never sees frcli's colour decisions or a terminal.
    env.pop("FORCE_COLOR", None)
    return env


class ChildTimeout(Exception):
    """No message from the child within the time left."""


class ChildGone(Exception):
    """The child's protocol stream ended before its job was done."""


class WarmChild:
    """One child process, spawned at once; :meth:`run` gives it a job and yields its messages."""

    def __init__(self, *, zygote: bool = False) -> None:
        # -P: the parent's working directory is not put on the child's sys.path; the job says
        # which folder the learner's imports come from.
        self.proc = subprocess.Popen(
            [sys.executable, "-P", "-m", CHILD_MODULE, *(["--zygote"] if zygote else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
            close_fds=True,
        )
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._stderr: list[bytes] = []
        self._ready = False
        self._sent = False
        self._reader = threading.Thread(target=self._read, daemon=True, name="frcli-child-out")
        self._reader.start()
        self._err_reader = threading.Thread(
            target=self._read_err, daemon=True, name="frcli-child-err"
        )
        self._err_reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            try:
                self._messages.put(json.loads(raw))
            except ValueError:
                continue
        self._messages.put(None)

    def _read_err(self) -> None:
        assert self.proc.stderr is not None
        for raw in self.proc.stderr:
            self._stderr.append(raw)

    @property
    def stderr(self) -> str:
        return b"".join(self._stderr).decode("utf-8", errors="replace")

    def _next(self, deadline: float) -> dict[str, Any]:
        try:
            message = self._messages.get(timeout=max(0.0, deadline - time.perf_counter()))
        except queue.Empty:
            raise ChildTimeout from None
        if message is None:
            raise ChildGone
        return message

    def wait_ready(self, deadline: float) -> None:
        while not self._ready:
            if self._next(deadline).get("ev") == "ready":
                self._ready = True

    def send_early(self, job: dict[str, Any]) -> None:
        """Give the child its job now (it starts once its imports are done); :meth:`run`
        then only reads. For a job that names just its exercise and file, before the parent
        has read the spec: the child reads it too."""
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write((json.dumps(job) + "\n").encode("utf-8"))
            self.proc.stdin.close()
        except OSError:
            pass  # run() reports the child gone
        self._sent = True

    def run(self, job: dict[str, Any], deadline: float) -> Iterator[dict[str, Any]]:
        """Send ``job``; yield each message until the child is done. Raises ChildTimeout at
        ``deadline`` (a perf_counter time) and ChildGone if the child dies first."""
        self.wait_ready(deadline)
        assert self.proc.stdin is not None
        if not self._sent:
            try:
                self.proc.stdin.write((json.dumps(job) + "\n").encode("utf-8"))
                self.proc.stdin.close()
            except OSError:
                raise ChildGone from None
        while True:
            yield self._next(deadline)

    def where(self, settle: float = 2.0, pid: int | None = None) -> str:
        """Ask a hung child (or the forked ``pid``) for every thread's stack (faulthandler, on
        SIGUSR1) and return what it wrote on stderr by then."""
        before = len(self._stderr)
        if hasattr(signal, "SIGUSR1") and self.proc.poll() is None:
            try:
                os.kill(pid or self.proc.pid, signal.SIGUSR1)
            except OSError:
                return ""
            end = time.perf_counter() + settle
            while time.perf_counter() < end and len(self._stderr) == before:
                time.sleep(0.01)
            # faulthandler writes thread after thread: wait until the output stops growing.
            size = -1
            while time.perf_counter() < end and size != len(self._stderr):
                size = len(self._stderr)
                time.sleep(0.05)
        return b"".join(self._stderr[before:]).decode("utf-8", errors="replace")

    def kill(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.kill()
            except OSError:
                pass
        try:
            self.proc.wait(2.0)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass

    def finish(self, timeout: float = 2.0) -> int | None:
        """Wait for the child to exit by itself (it does, after its job); kill it if not."""
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            code = None
        self.kill()
        self._reader.join(0.5)
        self._err_reader.join(0.5)
        return code


class ForkedChild:
    """One job on a zygote (a warm child that forks a fresh process per job), with the same
    interface as :class:`WarmChild` for :func:`..checker.check_path`."""

    def __init__(self, zygote: WarmChild, give_back: Callable[[WarmChild], None]) -> None:
        self.zygote = zygote
        self._give_back = give_back
        self.pid: int | None = None
        self.code: int | None = None
        self._exited = False
        self._released = False
        self._stderr_from = 0

    def wait_ready(self, deadline: float) -> None:
        self.zygote.wait_ready(deadline)

    def run(self, job: dict[str, Any], deadline: float) -> Iterator[dict[str, Any]]:
        self.wait_ready(deadline)
        self._stderr_from = len(self.zygote._stderr)
        stdin = self.zygote.proc.stdin
        assert stdin is not None
        try:
            stdin.write((json.dumps(job) + "\n").encode("utf-8"))
            stdin.flush()
        except OSError:
            raise ChildGone from None
        while True:
            message = self.zygote._next(deadline)
            ev = message.get("ev")
            if ev == "job":
                self.pid = message["pid"]
            elif ev == "exited":
                self._exited, self.code = True, message["code"]
                raise ChildGone
            else:
                yield message

    @property
    def stderr(self) -> str:
        return b"".join(self.zygote._stderr[self._stderr_from :]).decode("utf-8", "replace")

    def where(self, settle: float = 2.0) -> str:
        return self.zygote.where(settle, pid=self.pid) if self.pid else ""

    def kill(self) -> None:
        if self.pid is not None and not self._exited:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass

    def finish(self, timeout: float = 2.0) -> int | None:
        """Wait for the job's process to exit (killing it if it does not), so no message of
        it is left for the next job; then hand the zygote back."""
        if self._released:
            return self.code
        healthy = True
        if self.pid is not None or not self._exited:
            for wait, kill in ((timeout, False), (2.0, True)):
                if self._exited:
                    break
                if kill:
                    self.kill()
                end = time.perf_counter() + wait
                try:
                    while not self._exited:
                        message = self.zygote._next(end)
                        if message.get("ev") == "exited":
                            self._exited, self.code = True, message["code"]
                except ChildTimeout:
                    continue
                except ChildGone:
                    healthy = False
                    break
            healthy = healthy and self._exited
        self._released = True
        if not healthy:
            self.zygote.kill()
        self._give_back(self.zygote)
        return self.code


class ChildPool:
    """Hands out warm children. Where ``os.fork`` exists, each of ``size`` zygotes forks a
    fresh process per job (ready at once); elsewhere a spawned child is kept ready ahead, and
    the next one starts importing as soon as one is taken."""

    def __init__(self, size: int = 1, *, fork: bool | None = None) -> None:
        self.size = size
        self.fork = hasattr(os, "fork") if fork is None else fork
        self._lock = threading.Lock()
        self._idle: list[WarmChild] = []
        self._free: queue.Queue[WarmChild] = queue.Queue()
        self._zygotes: list[WarmChild] = []
        self._closed = False
        if self.fork:
            for _ in range(size):
                zygote = WarmChild(zygote=True)
                self._zygotes.append(zygote)
                self._free.put(zygote)
        else:
            self.fill()

    def fill(self) -> None:
        with self._lock:
            while not self._closed and len(self._idle) < self.size:
                self._idle.append(WarmChild())

    def take(self) -> WarmChild | ForkedChild:
        if self.fork:
            zygote = self._free.get()  # one job per zygote at a time
            if zygote.proc.poll() is not None:  # it died: a new one takes its place
                zygote.kill()
                with self._lock:
                    self._zygotes.remove(zygote)
                    zygote = WarmChild(zygote=True)
                    self._zygotes.append(zygote)
            return ForkedChild(zygote, self._give_back)
        with self._lock:
            child = self._idle.pop(0) if self._idle else None
        if child is None or child.proc.poll() is not None:
            if child is not None:
                child.kill()
            child = WarmChild()
        self.fill()  # the next check's child imports while this one runs
        return child

    def _give_back(self, zygote: WarmChild) -> None:
        if self._closed:
            zygote.kill()
        else:
            self._free.put(zygote)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            zygotes = list(self._zygotes)
        for child in idle + zygotes:
            child.kill()

    def __enter__(self) -> ChildPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
