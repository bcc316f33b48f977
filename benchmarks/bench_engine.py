"""Engine speed, measured against baselines taken in the same run.

    python benchmarks/bench_engine.py [--rounds N]

Prints, for each goal, our figure, the baseline's, and the ratio:
  1. `frcli --help`                       vs `python -c "import typer"`        goal <= 1.5x
     `frcli list`, `frcli` (the welcome), `frcli progress`, and `frcli quiz response-models`
     up to its first question (stdin closed, so it stops there)               goal <= 2.5x
  2. `frcli demo response-models` (piped)  vs
     `python -c "import fastapi, uvicorn, httpx, rich.console"`             goal <= 1.4x
  3. display latency of a paced stream: time from the server yielding a chunk to the renderer
     writing its line, median over the chunks                                goal <= 20 ms
  4. LiveServer.stop() vs a stock uvicorn.Server stopped the usual way (should_exit + join)
Commands alternate (ours, baseline, ours, ...) so machine load hits both alike; medians reported.

    python benchmarks/bench_engine.py --instructions

also counts the instructions of goals 1 and 2 under valgrind's callgrind (about a minute):
the same count whatever else the machine is doing, so the ratio is repeatable where wall time
on a shared machine is not.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))


# Measured commands run with the bytecode cache on, as an installed copy does (pip compiles
# .pyc files at install). With PYTHONDONTWRITEBYTECODE set (some sandboxes and CI images set
# it), an editable checkout would recompile frcli and the demo on every run: a cost no user pays.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        env=ENV,
    )
    return time.perf_counter() - start


def compare(name: str, ours: list[str], base: list[str], rounds: int, goal: float) -> None:
    compare_many([(name, ours, goal)], base, rounds)


def compare_many(
    commands: list[tuple[str, list[str], float]], base: list[str], rounds: int
) -> None:
    """Each command and the baseline in interleaved rounds (base, a, b, ..., base, a, b, ...),
    so load on a shared machine hits them alike; medians, and the ratio to the baseline's."""
    for _, cmd, _ in commands:
        timed(cmd)  # warm the file cache and .pyc files
    timed(base)
    times: list[list[float]] = [[] for _ in commands]
    base_times = []
    for _ in range(rounds):
        base_times.append(timed(base))
        for i, (_, cmd, _) in enumerate(commands):
            times[i].append(timed(cmd))
    mb = statistics.median(base_times)
    for (name, _, goal), samples in zip(commands, times, strict=True):
        ma = statistics.median(samples)
        ratio = ma / mb
        verdict = "ok" if ratio <= goal else "MISSED"
        print(
            f"{name:<28} {ma * 1000:7.0f} ms  baseline {mb * 1000:7.0f} ms  "
            f"ratio {ratio:4.2f}  (goal <= {goal})  {verdict}"
        )


def instructions(cmd: list[str]) -> int | None:
    """Instructions executed by ``cmd`` under callgrind, or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        check=True,
    )
    for line in done.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    return None


def compare_instructions(name: str, ours: list[str], base: list[str], goal: float) -> None:
    a, b = instructions(ours), instructions(base)
    if a is None or b is None:
        print(f"{name:<28} instructions: valgrind not found, skipped")
        return
    ratio = a / b
    print(
        f"{name:<28} {a / 1e9:6.3f} G instr  baseline {b / 1e9:6.3f} G  "
        f"ratio {ratio:4.2f}  (goal <= {goal})  {'ok' if ratio <= goal else 'MISSED'}"
    )


def frcli_cmd() -> list[str]:
    exe = shutil.which("frcli")
    return [exe] if exe else [sys.executable, "-m", "fastapi_responses_cli"]


class _TimedWrites(io.StringIO):
    """A console file that remembers when each chunk line was written."""

    def __init__(self) -> None:
        super().__init__()
        self.stamps: list[tuple[float, str]] = []

    def write(self, s: str) -> int:
        self.stamps.append((time.perf_counter(), s))
        return super().write(s)

    def isatty(self) -> bool:
        return False


def display_latency(chunks: int = 20, pace: float = 0.05) -> list[float]:
    """Serve a stream whose chunks carry the server's perf_counter at yield time (same process,
    same clock), render it with the real renderer, and diff against the write time."""
    from fastapi import FastAPI
    from fastapi.responses import StreamingResponse
    from rich.console import Console

    from fastapi_responses_cli.content import Example
    from fastapi_responses_cli.live_server import LiveServer
    from fastapi_responses_cli.recorder import make_client, run_example
    from fastapi_responses_cli.render.exchange import DemoRenderer

    app = FastAPI()

    @app.get("/paced")
    async def paced():
        async def gen():
            for i in range(chunks):
                await asyncio.sleep(pace)
                yield f"chunk {i} sent@{time.perf_counter():.6f}\n"

        return StreamingResponse(gen(), media_type="text/plain")

    example = Example(name="paced", title="paced", path="/paced", route=["tokens"], notice=".")
    out = _TimedWrites()
    console = Console(file=out, width=200, color_system=None)
    renderer = DemoRenderer(console, [example], full=True)
    with LiveServer(app) as server, make_client() as client:
        for event in run_example(client, server.url, "bench", example):
            renderer.handle(event)
    lat = []
    for written, text in out.stamps:
        if "sent@" in text:
            sent = float(text.split("sent@")[1].split("\\n")[0].strip("'\n "))
            lat.append(written - sent)
    return lat


def stop_costs(rounds: int) -> tuple[float, float]:
    import uvicorn
    from fastapi import FastAPI

    from fastapi_responses_cli.live_server import LiveServer, bind_loopback

    app = FastAPI()
    ours, stock = [], []
    for _ in range(rounds):
        server = LiveServer(app).start()
        t = time.perf_counter()
        server.stop()
        ours.append(time.perf_counter() - t)

        sock = bind_loopback()
        plain = uvicorn.Server(uvicorn.Config(app, log_config=None, lifespan="off"))
        thread = threading.Thread(target=plain.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        while not plain.started:
            time.sleep(0.001)
        t = time.perf_counter()
        plain.should_exit = True
        thread.join()
        stock.append(time.perf_counter() - t)
        sock.close()
    return statistics.median(ours), statistics.median(stock)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions (callgrind)"
    )
    parser.add_argument(
        "--startup-only", action="store_true", help="only the command start-up comparisons"
    )
    args = parser.parse_args()
    fr = frcli_cmd()
    py = sys.executable
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, rounds {args.rounds}")
    if "PYTHONDONTWRITEBYTECODE" in os.environ:
        print("PYTHONDONTWRITEBYTECODE is set here; measured commands run without it (see ENV)")
    # The learner's everyday commands, against `import typer` measured in the same rounds.
    # Progress lives in a throwaway FRCLI_HOME with no answers (the same work as a fresh one).
    ENV.setdefault("FRCLI_HOME", os.path.join(tempfile.mkdtemp(prefix="frcli-bench-"), "home"))
    compare_many(
        [
            ("frcli --help", [*fr, "--help"], 1.5),
            ("frcli list", [*fr, "list"], 2.5),
            ("frcli (welcome)", [*fr], 2.5),
            ("frcli progress", [*fr, "progress"], 2.5),
            ("frcli quiz (first question)", [*fr, "quiz", "response-models"], 2.5),
        ],
        [py, "-c", "import typer"],
        args.rounds,
    )
    compare(
        "frcli demo response-models",
        [*fr, "demo", "response-models"],
        [py, "-c", "import fastapi, uvicorn, httpx, rich.console"],
        args.rounds,
        1.4,
    )
    if args.startup_only:
        return
    if args.instructions:
        compare_instructions("frcli --help", [*fr, "--help"], [py, "-c", "import typer"], 1.5)
        compare_instructions(
            "frcli demo response-models",
            [*fr, "demo", "response-models"],
            [py, "-c", "import fastapi, uvicorn, httpx, rich.console"],
            1.4,
        )
    lat = display_latency()
    med = statistics.median(lat) * 1000
    print(
        f"{'chunk display latency':<28} median {med:5.2f} ms  max {max(lat) * 1000:5.2f} ms  "
        f"over {len(lat)} chunks  (goal median <= 20 ms)  {'ok' if med <= 20 else 'MISSED'}"
    )
    ours, stock = stop_costs(max(3, args.rounds // 2))
    print(
        f"{'server stop':<28} {ours * 1000:7.1f} ms  stock uvicorn {stock * 1000:7.1f} ms  "
        f"ratio {ours / stock:4.2f}"
    )


if __name__ == "__main__":
    main()
