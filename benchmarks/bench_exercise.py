"""Exercise speed, measured against a baseline taken in the same run.

    python benchmarks/bench_exercise.py [--rounds N] [--saves N]

1. `frcli exercise check hide-password` on a solved file  vs
   `python -c "import fastapi, uvicorn, httpx, rich.console"`              goal <= 1.5x
2. `frcli exercise watch hide-password` in a pseudo-terminal: from writing the file to the
   verdict on screen, median over the saves                                 goal <= 1 s
Commands alternate (ours, baseline, ours, ...) so machine load hits both alike; medians.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "exercises" / "hide-password" / "solution.py"
STARTER = ROOT / "exercises" / "hide-password" / "starter.py"
BASELINE = [sys.executable, "-c", "import fastapi, uvicorn, httpx, rich.console"]


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(FRCLI_HOME=str(home), NO_COLOR="1", COLUMNS="80")
    return env


def timed(cmd: list[str], env: dict[str, str], cwd: Path, ok: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    took = time.perf_counter() - start
    if proc.returncode not in ok:
        raise SystemExit(f"{cmd} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return took


def bench_check(work: Path, rounds: int) -> tuple[float, float]:
    env = env_for(work / "home")
    folder = work / "frcli-exercises"
    folder.mkdir(exist_ok=True)
    shutil.copy(SOLUTION, folder / "hide_password.py")
    ours = [sys.executable, "-m", "fastapi_responses_cli", "exercise", "check", "hide-password"]
    timed(ours, env, work), timed(BASELINE, env, work)  # warm caches and .pyc files
    a, b = [], []
    for _ in range(rounds):
        a.append(timed(ours, env, work))
        b.append(timed(BASELINE, env, work))
    return statistics.median(a), statistics.median(b)


class Pty:
    def __init__(self, cmd: list[str], env: dict[str, str], cwd: Path) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, close_fds=True
        )
        os.close(slave)
        self.buf = b""

    def wait_for(self, text: bytes, timeout: float = 60.0) -> float:
        """Read until ``text`` appears in new output; return when it did (perf_counter)."""
        deadline = time.perf_counter() + timeout
        while True:
            i = self.buf.find(text)
            if i >= 0:
                self.buf = self.buf[i + len(text) :]
                return time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0:
                raise SystemExit(f"never saw {text!r}; last output: {self.buf[-800:]!r}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.buf += os.read(self.master, 65536)
                except OSError:
                    raise SystemExit(f"watch ended; last output: {self.buf[-800:]!r}") from None

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self.master)


def bench_watch(work: Path, saves: int, gap: float) -> list[float]:
    env = env_for(work / "home-watch")
    folder = work / "watch"
    cmd = [
        sys.executable, "-m", "fastapi_responses_cli", "exercise", "watch", "hide-password",
        "--dir", str(folder),
    ]  # fmt: skip
    term = Pty(cmd, env, work)
    path = folder / "hide_password.py"
    times: list[float] = []
    try:
        term.wait_for(b"expectations not met yet")  # the starter, written and checked
        term.wait_for(b"q quit")
        starter = STARTER.read_text()
        for i in range(saves):
            time.sleep(gap)  # a person does not save twice in a millisecond
            start = time.perf_counter()
            path.write_text(starter + f"# save {i}\n")
            seen = term.wait_for(b"expectations not met yet")
            times.append(seen - start)
            term.wait_for(b"q quit")
        time.sleep(0.3)
        start = time.perf_counter()
        shutil.copy(SOLUTION, path)
        times.append(term.wait_for(b"hide-password is done") - start)
        term.wait_for(b"q quit")
        term.send(b"q")
    finally:
        term.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--saves", type=int, default=9)
    parser.add_argument(
        "--gap", type=float, default=0.3, help="seconds from one verdict to the next save"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours, base = bench_check(work, args.rounds)
        ratio = ours / base
        print(
            f"{'exercise check (solved)':<28} {ours * 1000:7.0f} ms  baseline {base * 1000:7.0f} ms"
            f"  ratio {ratio:.2f}x (goal <= 1.5x) {'ok' if ratio <= 1.5 else 'MISSED'}"
        )
        times = bench_watch(work, args.saves, args.gap)
        median = statistics.median(times)
        shown = ", ".join(f"{t * 1000:.0f}" for t in times)
        print(
            f"{'watch: save to verdict':<28} {median * 1000:7.0f} ms median over {len(times)} saves"
            f" {args.gap:g} s apart (goal <= 1000 ms) {'ok' if median <= 1.0 else 'MISSED'}"
            f"\n    each (ms): {shown}"
        )


if __name__ == "__main__":
    main()
