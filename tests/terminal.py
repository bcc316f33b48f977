"""A real terminal for tests: frcli in a pseudo-terminal of a given size, driven by keystrokes.

stdin, stdout and stderr are the pty's slave side (so ``isatty()`` is true and frcli behaves
as it does for a learner); the test reads what the learner would see and types keys.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time

ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]|\x1b\][^\x07]*\x07")
ENTER = "\r"


def plain(text: str) -> str:
    """The text without escape sequences and carriage returns."""
    return ESCAPES.sub("", text).replace("\r", "")


class Terminal:
    def __init__(
        self, *args: str, env: dict[str, str] | None = None, cols: int = 80, rows: int = 30
    ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = {**os.environ, **(env or {})}
        full_env.pop("COLUMNS", None)  # the terminal's own size, as for a learner
        full_env.setdefault("TERM", "xterm-256color")
        # Nobody answers prompt_toolkit's cursor-position request in a test terminal.
        full_env["PROMPT_TOOLKIT_NO_CPR"] = "1"

        def controlling_tty() -> None:  # so Ctrl-C outside raw mode is a SIGINT, as in a shell
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            [sys.executable, "-m", "fastapi_responses_cli", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            preexec_fn=controlling_tty,
            close_fds=True,
        )
        os.close(slave)
        self.fd = master
        self.raw = ""

    @property
    def text(self) -> str:
        """Everything shown so far, without escape sequences."""
        return plain(self.raw)

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # the child closed the terminal
            return False
        if not data:
            return False
        self.raw += data.decode("utf-8", errors="replace")
        return True

    def wait_for(self, pattern: str, *, after: int = 0, timeout: float = 30) -> str:
        """Read until ``pattern`` (a regex) shows in the plain text past offset ``after``;
        returns the plain text from ``after``."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.text[after:]):
            left = deadline - time.monotonic()
            if left <= 0 or (not self._read(min(left, 0.5)) and self.proc.poll() is not None):
                if re.search(pattern, self.text[after:]):
                    break
                raise AssertionError(
                    f"never saw {pattern!r}; the screen said:\n{self.text[-3000:]}"
                )
        return self.text[after:]

    def quiet_for(self, seconds: float) -> str:
        """Read whatever comes during ``seconds``; returns it (plain)."""
        start = len(self.text)
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self._read(left)
        return self.text[start:]

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def finish(self, timeout: float = 30) -> int:
        """Read to the end and return the exit code."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        while self._read(0.05):
            pass
        code = self.proc.wait(timeout=max(deadline - time.monotonic(), 1))
        os.close(self.fd)
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        try:
            os.close(self.fd)
        except OSError:
            pass
