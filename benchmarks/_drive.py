"""One measured run, in its own process (bench_wire.py reads its peak RSS from the OS).

    python benchmarks/_drive.py engine|raw|latency APP_FILE PATH [--full]

engine: frcli's recorder and renderer (whichever frcli is first on sys.path: this tree's, or
an older checkout's via PYTHONPATH, for a before/after table), output to stdout.
raw: a plain httpx download of the same route from the same LiveServer, bytes counted.
latency: engine, with a stream whose lines carry the server's clock; prints the median delay
from the server yielding a line to frcli writing it.
"""

from __future__ import annotations

import importlib.util
import inspect
import statistics
import sys
import time
from pathlib import Path


def load(app_file: str):
    spec = importlib.util.spec_from_file_location("bench_app", app_file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_app"] = module
    spec.loader.exec_module(module)
    return module.app


def example(path: str):
    from fastapi_responses_cli.content import Example

    return Example.model_construct(
        name="bench",
        title="bench",
        method="GET",
        path=path,
        headers={},
        json_body=None,
        body=None,
        route=["x"],
        notice="bench",
        legacy=False,
        follow_redirects=False,
        max_seconds=3600.0,
        max_chunks=None,
        max_bytes=None,
    )


def engine(app, path: str, full: bool, out=None) -> None:
    from rich.console import Console

    from fastapi_responses_cli.live_server import LiveServer
    from fastapi_responses_cli.recorder import make_client, run_example
    from fastapi_responses_cli.render.exchange import DemoRenderer

    ex = example(path)
    console = Console(file=out or sys.stdout, width=80, color_system=None, highlight=False)
    renderer = DemoRenderer(console, [ex], full=full)
    lean = {}
    if "keep_body" in inspect.signature(run_example).parameters:  # the new engine: counts only
        lean = {"keep_body": False, "keep_wire": False}
    with LiveServer(app) as server, make_client() as client:
        for event in run_example(client, server.url, "bench", ex, **lean):
            renderer.handle(event)
    if hasattr(renderer, "close"):
        renderer.close()


def raw(app, path: str) -> None:
    import httpx

    from fastapi_responses_cli.live_server import LiveServer

    with LiveServer(app) as server, httpx.Client(timeout=3600) as client:
        with client.stream("GET", server.url + path) as response:
            n = sum(len(b) for b in response.iter_raw())
    print(n)


class TimedWrites:
    def __init__(self) -> None:
        self.lat: list[float] = []

    def write(self, s: str) -> int:
        now = time.perf_counter()
        for part in s.split("sent@")[1:]:
            stamp = part[:17].split("\\")[0].split("'")[0]
            try:
                self.lat.append(now - float(stamp))
            except ValueError:
                pass
        return len(s)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def latency(rows: int, full: bool) -> None:
    from fastapi import FastAPI
    from fastapi.responses import StreamingResponse

    app = FastAPI()

    @app.get("/fast")
    def fast() -> StreamingResponse:
        def gen():
            for i in range(rows):
                yield f"{i} sent@{time.perf_counter():.6f}\n"

        return StreamingResponse(gen(), media_type="text/plain")

    out = TimedWrites()
    engine(app, "/fast", full, out=out)
    lat = sorted(out.lat)
    print(f"{statistics.median(lat) * 1000:.2f} {len(lat)}")


def main() -> None:
    mode, *rest = sys.argv[1:]
    full = "--full" in rest
    rest = [a for a in rest if a != "--full"]
    if mode == "latency":
        latency(int(rest[0]), full)
        return
    app_file, path = rest
    app = load(str(Path(app_file).resolve()))
    if mode == "engine":
        engine(app, path, full)
    else:
        raw(app, path)


if __name__ == "__main__":
    main()
