"""Run a demo's examples against its app on a LiveServer: the one path the CLI and tests share."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence

from .catalog import Demo, get_demo, load_app
from .content import Example
from .live_server import LiveServer, ServerLog, capture_server_output
from .recorder import make_client, run_example
from .timeline import Event, Exchange, LogEntry


class DemoRun:
    """The result of running some examples: every exchange, plus start-up log entries."""

    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.exchanges: list[Exchange] = []
        self.startup_log: list[LogEntry] = []

    def by_example(self, name: str) -> list[Exchange]:
        return [e for e in self.exchanges if e.example == name]

    def first(self, name: str) -> Exchange:
        """The first hop of example ``name`` (raises if the example did not run)."""
        hops = self.by_example(name)
        if not hops:
            raise KeyError(name)
        return hops[0]


def run_demo(
    demo: Demo | str,
    examples: Iterable[str] | None = None,
    on_event: Callable[[Event], None] | None = None,
    on_start: Callable[[DemoRun, str], None] | None = None,
    *,
    keep_body: bool = True,
    keep_wire: bool = True,
) -> DemoRun:
    """Start the demo's app, send the chosen examples (all by default), stop the server.

    ``examples`` may be lazy (a generator): the next name is asked for only once the previous
    example has been sent and every one of its events handled, so a paced run (pacing.py) can
    wait for the learner, repeat an example or stop, on the one server. ``on_event`` sees every
    event live (the renderer); ``on_start`` is told the base URL once the server listens.
    Ctrl-C propagates as KeyboardInterrupt after the server has stopped.
    ``keep_body`` / ``keep_wire``: see :func:`~.recorder.run_example` (off for a live run
    that needs neither, so its cost does not grow with the body).
    """
    if isinstance(demo, str):
        demo = get_demo(demo)
    chosen: Iterable[Example]
    if examples is None or (isinstance(examples, Sequence) and not examples):
        chosen = list(demo.meta.examples)
    elif isinstance(examples, Sequence):  # known up front: a wrong name fails before start-up
        chosen = [demo.example(n) for n in examples]
    else:
        chosen = (demo.example(n) for n in examples)
    run = DemoRun(demo)
    log = ServerLog()
    with capture_server_output(log):
        app = load_app(demo)
        with LiveServer(app, log=log) as server:
            run.startup_log = log.before(time.perf_counter())
            if on_start is not None:
                on_start(run, server.url)
            with make_client() as client:
                for example in chosen:
                    # Each example starts like a fresh client: no cookies from earlier examples
                    # (within an example, redirect hops do keep the cookies they are given).
                    client.cookies.clear()
                    events = run_example(
                        client,
                        server.url,
                        demo.name,
                        example,
                        log,
                        settle=server.wait_idle,
                        keep_body=keep_body,
                        keep_wire=keep_wire,
                    )
                    for event in events:
                        if event.kind == "end":
                            run.exchanges.append(event.exchange)
                        if on_event is not None:
                            on_event(event)
    return run
