"""`python -m fastapi_responses_cli ...` in the suite: forked from a warm interpreter.

About 200 times a run, the suite starts frcli as a learner does, in a process of its own, and
most of what such a process spends is its start-up: the interpreter, typer and the command
table (0.13 to 0.2 s of CPU), and for demo, inspect, serve and the exercise child FastAPI,
uvicorn and httpx (0.4 s more), on a machine with two cores. So the suite's
``subprocess.Popen`` (installed for the test processes by tests/conftest.py) hands such a
command to a zygote (tests/frcli_zygote.py) that has imported those once, and forks the run
from it.

The run is still a process of its own, with its own pid, streams, exit status, signals,
session, uid and limits: ``Popen`` waits for it, signals it and kills it as it would a child
it had exec'd, because this process becomes a child subreaper (the zygote forks twice and the
middle process exits). What it does not repeat is the interpreter's start-up, so a command is
run for real, exec'd, whenever its start-up could differ:

- any other command line: forked are ``python -m fastapi_responses_cli`` and ``python [-P] -m``
  one of its modules (the exercise child, which `exercise check` starts); other interpreter
  flags (``-S``, ``-X``), a ``-c`` script, another module or a shell are exec'd;
- a ``preexec_fn``;
- an environment that differs from the zygote's in a ``PYTHON*``, ``LC_*`` or ``LANG*``
  variable, or in a variable the preloaded modules read while they were imported (the zygote
  notes each one); PYTHONUNBUFFERED and PYTHONDONTWRITEBYTECODE, which the exercise pool sets
  and clears, the forked run applies itself;
- tests marked ``exec_frcli`` (those about start-up itself), and every test when
  ``FRCLI_TEST_EXEC=1`` is set, which runs the whole suite the slow way;
- a zygote that could not start (then every command is exec'd, and the reason is printed once).

tests/test_forkrun.py runs the same commands both ways and compares what they print.
"""

from __future__ import annotations

import ctypes
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ZYGOTE = Path(__file__).with_name("frcli_zygote.py")
ENV_OFF = "FRCLI_TEST_EXEC"
PACKAGE = "fastapi_responses_cli"
PROBE = "tests.forkrun_probe"  # prints what start-up set up, for tests/test_forkrun.py
STARTUP_PREFIXES = ("PYTHON", "LC_", "LANG")
EMULATED = {"PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"}  # the zygote's child applies these
MAX_MESSAGE = 1 << 20
SPAWN_SECONDS = 30  # a fork takes milliseconds; a zygote this slow is given up
_PR_SET_CHILD_SUBREAPER = 36

_OriginalPopen = subprocess.Popen
_state: dict[str, Any] = {"zygote": None, "owner": None, "broken": None, "paused": 0}
_lock = threading.Lock()


def _zygote_env() -> dict[str, str]:
    """The zygote's environment: this process's, without the per-test and pytest variables."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "FRCLI_"))}


class Zygote:
    def __init__(self) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.sock = ours
        self.env = _zygote_env()
        try:
            self.proc = _OriginalPopen(
                [sys.executable, "-c", ZYGOTE.read_text(), str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                env=self.env,
            )
        finally:
            theirs.close()
        self.sock.settimeout(60)
        hello = json.loads(self.sock.recv(MAX_MESSAGE) or b"null")
        if not isinstance(hello, dict):
            raise RuntimeError(f"the zygote exited ({self.proc.wait(5)})")
        self.sock.settimeout(SPAWN_SECONDS)
        if hello["threads"] != 1:
            self.close()
            raise RuntimeError(f"the zygote runs {hello['threads']} threads; it must run one")
        self.read: set[str] = set(hello["read"])

    def accepts(self, env: Mapping[str, str]) -> bool:
        """Whether a run with ``env`` starts as a forked one would: see the module's docstring."""
        if "*" in self.read:
            return False
        names = {k for k in (*env, *self.env) if k.startswith(STARTUP_PREFIXES)} | self.read
        return all(env.get(k) == self.env.get(k) for k in names - EMULATED)

    def spawn(self, request: dict[str, Any], fds: Sequence[int]) -> int:
        with _lock:
            socket.send_fds(self.sock, [json.dumps(request).encode()], list(fds))
            reply = json.loads(self.sock.recv(MAX_MESSAGE) or b"null")
        if not isinstance(reply, dict) or "pid" not in reply:
            raise OSError(f"the frcli zygote could not fork: {reply}")
        return int(reply["pid"])

    def close(self) -> None:
        self.sock.close()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _give_up(reason: str) -> None:
    """From now on every frcli run in this process is exec'd; says why, once."""
    _state["broken"] = reason
    print(f"tests/forkrun: every frcli run is exec'd from now on: {reason}", file=sys.stderr)


def _zygote() -> Zygote | None:
    """This process's zygote, started on first use; None if it cannot start or is turned off."""
    if os.environ.get(ENV_OFF) == "1" or _state["paused"] or _state["broken"]:
        return None
    if _state["zygote"] is not None and _state["owner"] == os.getpid():
        return _state["zygote"]  # type: ignore[no-any-return]
    try:
        zygote = Zygote()
    except Exception as exc:
        _give_up(f"the zygote did not start: {type(exc).__name__}: {exc}")
        return None
    _state.update(zygote=zygote, owner=os.getpid())
    return zygote


def frcli_command(args: Any) -> tuple[str, bool, list[str]] | None:
    """For ``python [-P] -m MODULE ARGS``, MODULE frcli's package or one of its modules (the
    exercise child): (MODULE, whether -P was given, ARGS). None for any other command line."""
    if isinstance(args, str | bytes | os.PathLike):
        return None
    argv = [os.fsdecode(a) if isinstance(a, bytes | os.PathLike) else a for a in args]
    if not all(isinstance(a, str) for a in argv) or not argv or argv[0] != sys.executable:
        return None
    safe_path = argv[1:2] == ["-P"]
    rest = argv[2:] if safe_path else argv[1:]
    if len(rest) < 2 or rest[0] != "-m":
        return None
    if rest[1] not in (PACKAGE, PROBE) and not rest[1].startswith(PACKAGE + "."):
        return None
    return rest[1], safe_path, rest[2:]


class ForkingPopen(_OriginalPopen):  # type: ignore[type-arg,misc]
    """``subprocess.Popen``, which forks ``python -m fastapi_responses_cli`` from the zygote."""

    forked = False

    def _execute_child(  # type: ignore[no-untyped-def]
        self,
        args,
        executable,
        preexec_fn,
        close_fds,
        pass_fds,
        cwd,
        env,
        startupinfo,
        creationflags,
        shell,
        p2cread,
        p2cwrite,
        c2pread,
        c2pwrite,
        errread,
        errwrite,
        restore_signals,
        gid,
        gids,
        uid,
        umask,
        start_new_session,
        process_group,
    ):
        def execd() -> None:
            super(ForkingPopen, self)._execute_child(
                *(args, executable, preexec_fn, close_fds, pass_fds, cwd, env, startupinfo),
                *(creationflags, shell, p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite),
                *(restore_signals, gid, gids, uid, umask, start_new_session, process_group),
            )

        command = None if shell or preexec_fn or executable else frcli_command(args)
        zygote = _zygote() if command is not None and close_fds else None
        if zygote is None:
            return execd()
        environment = {
            os.fsdecode(k): os.fsdecode(v) for k, v in (os.environ if env is None else env).items()
        }
        if not zygote.accepts(environment):
            return execd()
        streams = [
            p2cread if p2cread != -1 else 0,
            c2pwrite if c2pwrite != -1 else 1,
            errwrite if errwrite != -1 else 2,
        ]
        assert command is not None
        module, safe_path, rest = command
        request = {
            "module": module,
            "safe_path": safe_path,
            # What these two variables do at start-up, the forked run does itself.
            "unbuffered": bool(environment.get("PYTHONUNBUFFERED")),
            "dont_write_bytecode": bool(environment.get("PYTHONDONTWRITEBYTECODE")),
            "args": rest,
            "cwd": os.path.abspath(os.fspath(cwd) if cwd is not None else os.getcwd()),
            "env": environment,
            "targets": [0, 1, 2, *pass_fds],
            "uid": uid,
            "gid": gid,
            "gids": None if gids is None else list(gids),
            "umask": umask,
            "session": bool(start_new_session),
            "pgid": process_group,
        }
        try:
            self.pid = zygote.spawn(request, [*streams, *pass_fds])
        except (OSError, ValueError) as exc:  # gone, or too slow: this run and the rest cold
            _give_up(f"the zygote failed: {type(exc).__name__}: {exc}")
            return execd()
        self._child_created = True
        self.forked = True
        self._close_pipe_fds(p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite)


class paused:
    """While in this block, frcli runs are exec'd (for the tests marked ``exec_frcli``)."""

    def __enter__(self) -> None:
        _state["paused"] += 1

    def __exit__(self, *exc: object) -> None:
        _state["paused"] -= 1


def install() -> None:
    subprocess.Popen = ForkingPopen  # type: ignore[misc]


def uninstall() -> None:
    subprocess.Popen = _OriginalPopen  # type: ignore[misc]
    zygote = _state["zygote"]
    if zygote is not None and _state["owner"] == os.getpid():
        zygote.close()
    _state.update(zygote=None, owner=None)
