"""The engine at scale, against a raw httpx download from the same LiveServer, same run.

    python benchmarks/bench_wire.py [--quick] [--rounds N] [--before CHECKOUT] [--only CASE]

Each measured run is its own process (benchmarks/_drive.py), so its peak RSS comes from the
OS (``os.wait4``'s rusage, ``ru_maxrss``); runs alternate (raw, ours, raw, ...) so machine
load hits both alike; medians are reported. Sizes: CSV 10k / 100k / 1M rows (the streaming
demo's generator, one row a chunk), SSE 1k / 10k / 100k events, JSON 1 / 5 / 50 MB (one line,
content-length). ``--quick`` drops the largest of each (the 1M-row CSV alone takes minutes).
``--before CHECKOUT`` adds the same engine runs from an older source tree (PYTHONPATH), for a
before/after table; a run there is stopped at ``--before-timeout`` s or 3 GB.

Goals (the wire issue, item 10):
  - peak RSS of the largest CSV, --full and not: <= 1.3x raw, and flat from 10k rows up;
  - --full piped, largest CSV: <= 1.5x raw time; largest JSON --full: <= 3x raw time;
  - a fast stream under --full: median line latency <= 20 ms at 100k rows; paced < 1 ms;
  - SSE and JSON Lines parsers: 30k events in one buffer within 12x the time of 3k;
  - `frcli --help` and a whole demo as before: benchmarks/bench_engine.py (1.5x, 1.4x).
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
DRIVE = os.path.join(HERE, "_drive.py")
APP = os.path.join(HERE, "wire_app.py")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

CASES = [
    ("CSV", "10k rows", "/export.csv?rows=10000", False),
    ("CSV", "100k rows", "/export.csv?rows=100000", False),
    ("CSV", "1M rows", "/export.csv?rows=1000000", True),
    ("SSE", "1k events", "/events?n=1000", False),
    ("SSE", "10k events", "/events?n=10000", False),
    ("SSE", "100k events", "/events?n=100000", True),
    ("JSON", "1 MB", "/big.json?mb=1", False),
    ("JSON", "5 MB", "/big.json?mb=5", False),
    ("JSON", "50 MB", "/big.json?mb=50", True),
]


def run(args: list[str], *, pythonpath: str | None = None, timeout: float | None = None):
    """(seconds, peak RSS in MB, stdout) of one child, or (None, None, reason)."""
    env = dict(ENV)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath

    def limit() -> None:
        if timeout is not None:  # an old engine may grow without bound: stop it at 3 GB
            resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, DRIVE, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        preexec_fn=limit,
    )
    out = b""
    assert proc.stdout is not None
    deadline = None if timeout is None else start + timeout
    # Read as it comes (a pipe, as `| cat` would): the renderer writes a line at a time.
    os.set_blocking(proc.stdout.fileno(), False)
    tail = b""
    while True:
        try:
            data = proc.stdout.read(1 << 16)
        except BlockingIOError:
            data = None
        if data:
            tail = (tail + data)[-4096:]
            continue
        if data == b"":
            break
        if deadline is not None and time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return None, None, f"stopped after {timeout:.0f} s"
        time.sleep(0.002)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        return None, None, "failed (out of memory?)"
    out = tail
    return elapsed, usage.ru_maxrss / 1024, out.decode(errors="replace")


def median(values: list[float]) -> float:
    return statistics.median(values)


def fmt(seconds: float | None, mb: float | None) -> str:
    if seconds is None or mb is None:
        return f"{'-':>8} {'-':>7}"
    return f"{seconds:7.2f}s {mb:6.0f}M"


def scale(
    rounds: int,
    quick: bool,
    before: str | None,
    before_timeout: float,
    only: list[str] | None = None,
) -> dict:
    results: dict = {}
    header = (
        f"{'case':<16} {'raw':>16} {'ours --full':>16} {'ratio t/RSS':>11} "
        f"{'ours (cut)':>16} {'RSS':>5}"
    )
    if before:
        header += f" {'before --full':>16} {'before (cut)':>16}"
    print(header)
    for kind, label, path, big in CASES:
        if quick and big:
            continue
        if only and not any(o.lower() in f"{kind} {label}".lower() for o in only):
            continue
        raw_t, raw_m, full_t, full_m, cut_t, cut_m = [], [], [], [], [], []
        for _ in range(rounds):
            t, m, _ = run(["raw", APP, path])
            raw_t.append(t)
            raw_m.append(m)
            t, m, _ = run(["engine", APP, path, "--full"])
            full_t.append(t)
            full_m.append(m)
            t, m, _ = run(["engine", APP, path])
            cut_t.append(t)
            cut_m.append(m)
        row = {
            "raw": (median(raw_t), median(raw_m)),
            "full": (median(full_t), median(full_m)),
            "cut": (median(cut_t), median(cut_m)),
        }
        line = (
            f"{kind + ' ' + label:<16} {fmt(*row['raw']):>16} {fmt(*row['full']):>16} "
            f"{row['full'][0] / row['raw'][0]:5.2f}/{row['full'][1] / row['raw'][1]:4.2f} "
            f"{fmt(*row['cut']):>16} {row['cut'][1] / row['raw'][1]:5.2f}"
        )
        if before:
            bt, bm, why = run(
                ["engine", APP, path, "--full"], pythonpath=before, timeout=before_timeout
            )
            row["before_full"] = (bt, bm)
            ct, cm, why2 = run(["engine", APP, path], pythonpath=before, timeout=before_timeout)
            row["before_cut"] = (ct, cm)
            line += f" {fmt(bt, bm) if bt else why:>16} {fmt(ct, cm) if ct else why2:>16}"
        results[(kind, label)] = row
        print(line, flush=True)
    return results


def latency(rows: int, before: str | None) -> None:
    for who, path in (("ours", None), ("before", before)):
        if who == "before" and not path:
            continue
        _, _mb, out = run(["latency", str(rows), "--full"], pythonpath=path, timeout=600)
        try:
            med, n = out.strip().split()[-2:]
            print(
                f"fast stream, {rows:,} rows --full ({who}): median line latency {float(med):.1f} "
                f"ms over {int(n):,} lines (goal <= 20 ms)"
            )
        except ValueError:
            print(f"fast stream ({who}): {out.strip()[-80:]}")


def parsers() -> None:
    from fastapi_responses_cli.streams import JSONLinesParser, SSEParser

    def make(kind: str, n: int) -> bytes:
        if kind == "sse":
            return b"".join(f'event: e\ndata: {{"i": {i}}}\nid: {i}\n\n'.encode() for i in range(n))
        return b"".join(f'{{"i": {i}}}\n'.encode() for i in range(n))

    def best(parser, data: bytes) -> float:
        times = []
        for _ in range(5):
            gc.disable()
            start = time.process_time()
            parser().feed(data)
            times.append(time.process_time() - start)
            gc.enable()
        return min(times)

    for kind, parser in (("sse", SSEParser), ("jsonl", JSONLinesParser)):
        small, large = make(kind, 3_000), make(kind, 30_000)
        warm = [parser().feed(large) for _ in range(2)]  # a warm heap, as in a long run
        keep = [w[::64] for w in warm]
        del warm
        a, b = best(parser, small), best(parser, large)
        print(
            f"{kind} parser: 3k events {a * 1000:.1f} ms, 30k {b * 1000:.1f} ms, ratio "
            f"{b / a:.1f} (goal <= 12)  {'ok' if b / a <= 12 else 'MISSED'}"
        )
        del keep
    # One long line arriving in small reads: the parsers keep its pieces and join them once,
    # so 10x the line costs about 10x the time (joining on every read would be 100x).
    for kind, parser in (("sse", SSEParser), ("jsonl", JSONLinesParser)):

        def pieces(n: int, parser: type = parser) -> float:
            p = parser()
            chunk = b"x" * 64
            start = time.process_time()
            for _ in range(n):
                p.feed(chunk)
            p.feed(b"\n\n")
            return time.process_time() - start

        a = min(pieces(2_000) for _ in range(5))
        b = min(pieces(20_000) for _ in range(5))
        verdict = "ok" if b / a <= 12 else "MISSED"
        print(
            f"{kind} parser, one line in 64-byte reads: 2k reads {a * 1000:.1f} ms, 20k "
            f"{b * 1000:.1f} ms, ratio {b / a:.1f} (goal <= 12)  {verdict}"
        )


def goals(results: dict, quick: bool) -> None:
    csv = [results[k] for k in results if k[0] == "CSV"]
    js = [results[k] for k in results if k[0] == "JSON"]
    if csv:
        big = csv[-1]
        name = [k for k in results if k[0] == "CSV"][-1][1]
        for mode in ("full", "cut"):
            r = big[mode][1] / big["raw"][1]
            print(
                f"goal: CSV {name} peak RSS ({mode}) {r:.2f}x raw (<= 1.3)  "
                f"{'ok' if r <= 1.3 else 'MISSED'}"
            )
        flat = big["full"][1] / csv[0]["full"][1]
        print(f"goal: CSV RSS from 10k to {name}, --full: {flat:.2f}x (flat)")
        r = big["full"][0] / big["raw"][0]
        print(
            f"goal: CSV {name} --full time {r:.2f}x raw (<= 1.5)  {'ok' if r <= 1.5 else 'MISSED'}"
        )
    if js:
        r = js[-1]["full"][0] / js[-1]["raw"][0]
        name = [k for k in results if k[0] == "JSON"][-1][1]
        print(f"goal: JSON {name} --full time {r:.2f}x raw (<= 3)  {'ok' if r <= 3 else 'MISSED'}")
    if quick:
        print("(--quick: the largest sizes were left out; run without it for the goals' sizes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave out the largest sizes")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--before", metavar="CHECKOUT", help="an older source tree to compare")
    parser.add_argument("--before-timeout", type=float, default=300)
    parser.add_argument("--latency-rows", type=int, default=100_000)
    parser.add_argument(
        "--only",
        action="append",
        metavar="CASE",
        help='only the scale cases whose name contains this, e.g. --only "CSV 1M" (repeat)',
    )
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    started = time.perf_counter()
    if not args.only:
        parsers()
        latency(args.latency_rows if not args.quick else 20_000, args.before)
    results = scale(args.rounds, args.quick, args.before, args.before_timeout, args.only)
    goals(results, args.quick)
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
