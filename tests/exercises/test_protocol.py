"""The parent-child protocol of a check: the job each side builds, and what the end of an
exchange carries (only what the parent has not already been sent)."""

import base64
import json

from fastapi_responses_cli.exercises.spec import load_spec

from .test_contract import CONTRACT


def test_an_early_job_is_filled_in_as_check_path_would_send_it(tmp_path):
    """`frcli exercise check` sends the child only the exercise and the file; the child fills
    in the rest with the same builder check_path uses, so both run the same job."""
    from fastapi_responses_cli.exercises.checker import check_job
    from fastapi_responses_cli.exercises.child import _from_spec

    for name in CONTRACT:
        path = tmp_path / f"{name}.py"
        early = {"exercise": name, "path": str(path)}
        _from_spec(early)
        assert early == check_job(name, path, load_spec(name))
        assert early["timeout"] == load_spec(name).timeout and early["requests"]


def test_an_exchange_end_carries_only_the_unsent_chunks_and_the_parent_rebuilds_the_rest(
    tmp_path,
):
    from fastapi_responses_cli.exercises.checker import Verdict, _Run
    from fastapi_responses_cli.exercises.child import _encode
    from fastapi_responses_cli.timeline import Chunk, Event, Exchange, RequestRecord, ResponseHead

    url = "http://127.0.0.1:9/items"
    ex = Exchange("x", "e", 0, RequestRecord("GET", url, [("host", "127.0.0.1:9")], b""))
    messages = [_encode(Event("request", ex), 0)]
    ex.t0, ex.t_head = 5.0, 0.01
    ex.response = ResponseHead(200, "OK", "HTTP/1.1", [("content-encoding", "gzip")])
    messages.append(_encode(Event("head", ex), 0))
    for sent, data in enumerate([b"ab", b"", "\u00e9".encode(), b"\xff"]):
        chunk = Chunk(t=0.02 + sent / 100, size=5, data=data)
        ex.add_chunk(chunk)
        messages.append(_encode(Event("chunk", ex, chunk), sent))
    ex.add_chunk(Chunk(t=0.07, size=0, data=b"tail"))  # the decoder's flush: no chunk event
    ex.t_end = 0.08
    end = _encode(Event("end", ex), 4)
    assert end["tail"] == [[0.07, 0, base64.b64encode(b"tail").decode()]]
    assert end["json"]["chunks"] is None and "counts" not in end

    path = tmp_path / "app.py"
    run = _Run(Verdict(exercise="x", path=path), path, None, None)
    for message in [*messages, end]:
        run.feed(json.loads(json.dumps(message)))
    (got,) = run.v.exchanges
    assert got.chunks == ex.chunks
    assert (got.chunk_count, got.body_size, got.decoded_size) == (5, 20, 9)
    assert run.v.exchanges_json == [ex.to_json()]  # chunk JSON, and key order, as the child's
    assert list(run.v.exchanges_json[0]) == list(ex.to_json())


WARM_PROBE = """
import sys, threading
import fastapi, fastapi.responses, fastapi.sse, httpx, uvicorn  # the child's warm imports
from fastapi_responses_cli import live_server, recorder, usercode
from fastapi_responses_cli.content import Example
from fastapi_responses_cli.exercises import child
before = set(sys.modules)
child._first_use()
print(threading.active_count())
print(" ".join(sorted(set(sys.modules) - before)))
"""


def test_the_warm_up_before_a_job_starts_no_thread_and_loads_what_a_first_check_would():
    """A zygote forks after this warm-up, and a fork copies only the calling thread: a thread
    (a server, a pool) started here would be missing, or hold a lock forever, in every job."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", WARM_PROBE], capture_output=True, text=True, check=True
    )
    threads, loaded = done.stdout.splitlines()
    assert threads == "1"
    modules = set(loaded.split())
    # What a forked check used to import (or build) first, in every job: FastAPI's OpenAPI
    # document brings pydantic.v1, uvicorn's config its lifespan and HTTP protocol classes.
    assert {"pydantic.v1", "uvicorn.lifespan.on", "anyio._backends._asyncio"} <= modules, modules
