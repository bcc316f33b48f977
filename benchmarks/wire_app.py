"""The bench app for bench_wire.py: the streaming demo's CSV, plus SSE and big JSON routes.

frcli inspect benchmarks/wire_app.py GET '/events?n=10000' --full
"""

from __future__ import annotations

from collections.abc import AsyncIterable
from functools import cache

import orjson
from fastapi import FastAPI, Response
from fastapi.sse import EventSourceResponse

try:  # a source checkout: the demo at the top level; a wheel: inside the package
    from demos.streaming import export_csv
except ImportError:  # pragma: no cover
    from fastapi_responses_cli.demos.streaming import export_csv  # type: ignore[no-redef]

app = FastAPI(title="bench")
app.get("/export.csv")(export_csv)


@app.get("/events", response_class=EventSourceResponse)
async def events(n: int = 1000) -> AsyncIterable[dict]:
    for i in range(n):
        yield {"i": i, "name": f"user{i}"}


@cache
def _json(mb: int) -> bytes:
    rows = []
    size = 0
    i = 0
    while size < mb * 1_000_000:
        row = {"id": i, "name": f"user{i}", "email": f"user{i}@example.com", "score": i * 1.5}
        rows.append(row)
        size += len(orjson.dumps(row)) + 1
        i += 1
    return orjson.dumps(rows)


@app.get("/big.json")
def big_json(mb: int = 1) -> Response:
    return Response(_json(mb), media_type="application/json")
