"""The test suite's time, measured against another revision in the same run.

    python benchmarks/bench_suite.py [--base REV] [--rounds N] [-n WORKERS]

Runs the README's test command (``python -m pytest -q``) on this checkout and on ``REV``
(default: ``HEAD~1``), alternating (base, ours, base, ours, ...) so that the machine's load,
which varies by half over a day on a shared 2-core host, hits both alike. ``REV`` is checked
out into a temporary git worktree and run with this interpreter, its own folder first on
PYTHONPATH (so the test processes and every frcli they start import that revision's package),
with the same installed dependencies: a revision that needs other packages cannot be compared
this way. Prints, per run, the wall time and the CPU time of pytest and everything it waited
for (user + system); then medians and the ratios ours / base. Goal (issue 9): under 60 s here.

Each run starts from warm ``__pycache__`` folders (one unmeasured collection first), as a
learner's second run does; a clean clone's first run (CI) also compiles and rewrites them.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_suite(tree: Path, workers: int | None) -> tuple[float, float, str]:
    """(wall s, CPU s of the children, pytest's last line) for one run in ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    if workers is not None:
        command += ["-n", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    if done.returncode != 0:
        print(f"  {tree}: pytest exited {done.returncode}: {last}", file=sys.stderr)
    return wall, cpu, last


def warm(tree: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--collect-only", "-p", "no:cacheprovider"],
        cwd=tree,
        env=env,
        capture_output=True,
        check=False,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="HEAD~1", help="the revision to compare with")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each (alternating)")
    parser.add_argument("-n", type=int, default=None, help="xdist workers (default: pyproject)")
    args = parser.parse_args()
    rev = subprocess.run(
        ["git", "rev-parse", "--short", args.base], cwd=ROOT, capture_output=True, text=True
    )
    if rev.returncode != 0:
        raise SystemExit(f"bench_suite: no revision {args.base!r} in {ROOT}")
    with tempfile.TemporaryDirectory(prefix="frcli-bench-suite-") as scratch:
        base = Path(scratch) / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(base), rev.stdout.strip()],
            cwd=ROOT,
            check=True,
        )
        try:
            for tree in (base, ROOT):
                warm(tree)
            runs: dict[str, list[tuple[float, float]]] = {"base": [], "ours": []}
            for round_ in range(1, args.rounds + 1):
                for label, tree in (("base", base), ("ours", ROOT)):
                    wall, cpu, last = run_suite(tree, args.n)
                    runs[label].append((wall, cpu))
                    tests = re.sub(r" in [\d.]+s.*", "", last)
                    print(
                        f"round {round_} {label:4}: {wall:6.1f} s wall, {cpu:6.1f} s CPU  ({tests})"
                    )
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False
            )
    med = {k: [statistics.median(x[i] for x in v) for i in (0, 1)] for k, v in runs.items()}
    print(f"base = {args.base} ({rev.stdout.strip()}), ours = this checkout")
    for i, what in enumerate(("wall", "CPU")):
        b, o = med["base"][i], med["ours"][i]
        print(f"median {what:4}: base {b:6.1f} s, ours {o:6.1f} s, ours/base {o / b:.2f}x")
    print(f"goal: the suite under 60 s here; ours {med['ours'][0]:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
