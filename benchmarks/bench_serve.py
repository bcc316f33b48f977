"""`frcli serve` speed: requests per second on a JSON route, against plain uvicorn, one run.

    python benchmarks/bench_serve.py [--demo NAME] [--path /x] [--rounds 30]
                                     [--requests 500] [--connections 4]

Starts two servers on free loopback ports, each in its own process:
  ours      frcli serve --port P                      the route at /<demo><path>
  baseline  python -m uvicorn demos.<module>:app --port Q   the route at <path>
Both log access lines as they do by default (to /dev/null here). A small asyncio client keeps
``--connections`` HTTP/1.1 connections alive and sends ``--requests`` GETs per round, one in
flight per connection; rounds alternate (ours, baseline, baseline, ours, ...) so machine load
hits both alike. Prints each round, the medians, and the median of the per-round ratios
ours/baseline (goal >= 0.95): on a shared machine, that paired figure is the steadier one.

The route: by default the first GET example (no body, no headers) of the first demo in the
catalog whose route documents a 200 application/json answer; --demo/--path choose another.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

GOAL = 0.95


def pick_route(demo_name: str | None, path: str | None) -> tuple[str, str, str]:
    """(demo name, module, path) of a JSON GET route."""
    from fastapi_responses_cli import catalog
    from fastapi_responses_cli.site.app import Mounted
    from fastapi_responses_cli.site.examples import documented_media_types

    demos = [catalog.get_demo(demo_name)] if demo_name else list(catalog.demos().values())
    for demo in demos:
        if path is not None:
            return demo.name, demo.module, path
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            entry = Mounted(demo, catalog.load_app(demo))
            for ex in demo.meta.examples:
                plain = ex.method == "GET" and not ex.headers
                plain = plain and ex.json_body is None and ex.body is None
                if plain and documented_media_types(entry, ex) == ("application/json",):
                    return demo.name, demo.module, ex.path
    raise SystemExit("no demo has a plain JSON GET example; give --demo and --path")


def free_port() -> int:
    from fastapi_responses_cli.live_server import bind_loopback

    sock = bind_loopback("127.0.0.1", 0)
    port = sock.getsockname()[1]
    sock.close()
    return port


def start(cmd: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_ready(port: int, path: str, proc: subprocess.Popen, timeout: float = 30) -> bytes:
    """Wait until the route answers 200; its body."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}: {proc.args}")
        try:
            status, body = asyncio.run(_one(port, path))
            if status == 200:
                return body
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"server never answered: {proc.args}")


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = None
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length is None:
        raise SystemExit("the route must answer with content-length (not a stream)")
    return status, await reader.readexactly(length)


async def _one(port: int, path: str) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n".encode())
    result = await _read_response(reader)
    writer.close()
    return result


async def _load(port: int, path: str, requests: int, connections: int) -> float:
    """Requests per second: ``requests`` GETs over ``connections`` kept-alive connections."""
    request = f"GET {path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n".encode()
    per = [requests // connections + (i < requests % connections) for i in range(connections)]
    streams = [await asyncio.open_connection("127.0.0.1", port) for _ in per]

    async def worker(reader, writer, n: int) -> None:
        for _ in range(n):
            writer.write(request)
            status, _ = await _read_response(reader)
            if status != 200:
                raise SystemExit(f"got {status} from port {port}")

    started = time.perf_counter()
    await asyncio.gather(*(worker(r, w, n) for (r, w), n in zip(streams, per, strict=True)))
    elapsed = time.perf_counter() - started
    for _, writer in streams:
        writer.close()
    return requests / elapsed


def in_process(name: str, path: str, rounds: int, n: int = 1000) -> tuple[float, float]:
    """Microseconds per request, no network: the demo app called directly vs through the
    combined app (the dispatch `frcli serve` adds), alternating; the fastest round of each,
    the best estimate of the cost itself when other work shares the machine."""
    import gc

    from fastapi_responses_cli.site.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        combined = create_app()
    demo = combined.mounted[name].app
    query = ""
    if "?" in path:
        path, query = path.split("?", 1)

    def scope(p: str) -> dict:
        return {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": p,
            "raw_path": p.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": [(b"host", b"127.0.0.1")],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
            "state": {},
        }

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        pass

    async def run(app, p: str) -> float:
        started = time.perf_counter()
        for _ in range(n):
            await app(scope(p), receive, send)
        return (time.perf_counter() - started) / n * 1e6

    async def measure() -> tuple[float, float]:
        async with combined.site.router.lifespan_context(combined.site):
            cases = [(demo, path), (combined, f"/{name}{path}")]
            for app, p in cases * 2:  # warm up
                await run(app, p)
            alone: list[float] = []
            through: list[float] = []
            for i in range(rounds):
                gc.collect()
                for app, p in cases if i % 2 == 0 else cases[::-1]:
                    (alone if app is demo else through).append(await run(app, p))
            return min(alone), min(through)

    return asyncio.run(measure())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo", help="demo name (default: the first with a JSON GET example)")
    parser.add_argument("--path", help="route path inside the demo, e.g. /users/1")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--requests", type=int, default=500, help="per round and server")
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()

    name, module, path = pick_route(args.demo, args.path)
    frcli = shutil.which("frcli")
    ours_cmd = [frcli] if frcli else [sys.executable, "-m", "fastapi_responses_cli"]
    ours_port, base_port = free_port(), free_port()
    ours_cmd += ["serve", "--port", str(ours_port)]
    base_cmd = [sys.executable, "-m", "uvicorn", f"{module}:app", "--port", str(base_port)]
    ours_path = f"/{name}{path}"
    print(f"route: GET {path} of demo '{name}'")
    print(f"  ours:     {' '.join(ours_cmd[-3:])}  ->  {ours_path}")
    print(f"  baseline: uvicorn {module}:app  ->  {path}")
    print(f"{args.rounds} rounds x {args.requests} requests, {args.connections} connections")

    procs = [start(ours_cmd), start(base_cmd)]
    try:
        ours_body = wait_ready(ours_port, ours_path, procs[0])
        base_body = wait_ready(base_port, path, procs[1])
        if ours_body != base_body:
            raise SystemExit(f"bodies differ:\n  ours {ours_body!r}\n  base {base_body!r}")
        targets = {"ours": (ours_port, ours_path), "baseline": (base_port, path)}
        for port, route in targets.values():  # warm up both
            asyncio.run(_load(port, route, min(500, args.requests), args.connections))
        results: dict[str, list[float]] = {"ours": [], "baseline": []}
        for i in range(args.rounds):
            order = ["ours", "baseline"] if i % 2 == 0 else ["baseline", "ours"]
            line = []
            for who in order:
                port, route = targets[who]
                rps = asyncio.run(_load(port, route, args.requests, args.connections))
                results[who].append(rps)
                line.append(f"{who} {rps:7.0f}/s")
            print(f"  round {i + 1}: " + "  ".join(line))
    finally:
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    ours, base = statistics.median(results["ours"]), statistics.median(results["baseline"])
    # Each round's two runs are back to back: their ratio cancels slow changes in load.
    paired = statistics.median(
        a / b for a, b in zip(results["ours"], results["baseline"], strict=True)
    )
    verdict = "ok" if paired >= GOAL else "MISSED"
    print(
        f"median: frcli serve {ours:.0f} req/s, plain uvicorn {base:.0f} req/s "
        f"(ratio of medians {ours / base:.3f})"
    )
    print(f"median of per-round ratios: {paired:.3f} (goal >= {GOAL})  {verdict}")
    alone, through = in_process(name, path, rounds=min(args.rounds, 15))
    share = (through - alone) / (1e6 / base)
    print(
        f"in-process, no network: the demo app {alone:.1f} us/request, through frcli serve's "
        f"app {through:.1f} us: +{through - alone:.1f} us, {share:.1%} of a request's time "
        "at the baseline's rate"
    )


if __name__ == "__main__":
    main()
