"""Draw a run of examples as it happens: source, request, response head, body or live chunks.

The renderer consumes the recorder's events; it never touches the network and never looks at
which demo (or learner's app) it is drawing. How a body is shown depends only on the response:
its media type, whether it was streamed, its content-encoding. Where a route's source comes from
is the caller's business: it passes a ``source`` function (a demo's file, a learner's file).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from ..catalog import Demo, route_source
from ..content import Example
from ..media import classify
from ..timeline import Chunk, Event, Exchange, LogEntry
from .out import Line, Out, hanging
from .views import BodyView, choose_view, fmt_size, fmt_t
from .waterfall import Waterfall
from .wire import WireView

STATUS_STYLE = {1: "blue", 2: "green", 3: "cyan", 4: "yellow", 5: "red"}
INDENT = 2
__all__ = ["DemoRenderer", "SourceFn", "demo_source", "fmt_size", "fmt_t", "short_logger"]


def status_style(status: int) -> str:
    return "bold " + STATUS_STYLE.get(status // 100, "white")


# Prefixes that say nothing to a learner: the demo's module path says which demo it is.
_LOGGER_PREFIXES = ("fastapi_responses_cli.demos.", "demos.")


def short_logger(name: str) -> str:
    """A logger name cut to what tells it apart: ``background_tasks``, not the module path."""
    for prefix in _LOGGER_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


# An example's route source, for the header above its exchange: (label, code), or None.
SourceFn = Callable[[Example], "tuple[str, str] | None"]


def demo_source(demo: Demo) -> SourceFn:
    """The source function for a demo: the example's routes from the demo's own file."""

    def source(example: Example) -> tuple[str, str]:
        return f"{demo.path.parent.name}/{demo.path.name}", route_source(demo, example.route)

    return source


class DemoRenderer:
    """Prints a run of examples live. Call :meth:`header` (optional), then feed :meth:`handle`
    every event. ``examples`` are the ones that will run, in order; ``source`` gives each
    example's route source (None: no source is shown).

    ``wire``: the exact bytes each exchange wrote and read on its socket, instead of the parsed
    head and body (the exchanges must be recorded with ``keep_wire``). ``timeline``: a
    waterfall of each exchange's phases and chunks. ``pretty``: JSON, CSV and HTML bodies
    reformatted by frcli, labelled as such (by default bodies are shown as sent).
    """

    def __init__(
        self,
        console: Console,
        examples: list[Example],
        *,
        source: SourceFn | None = None,
        full: bool = False,
        wire: bool = False,
        timeline: bool = False,
        pretty: bool = False,
    ) -> None:
        self.console = console
        self.full = full
        self.source = source
        self.wire = wire
        self.timeline = timeline
        self.pretty = pretty
        self.color = console.color_system is not None
        # Fixed once: left unset, rich asks the terminal for its size on every print.
        console.height = console.size.height
        self.out = Out(console)
        self._examples = list(examples)
        self._index = 0
        self._view: BodyView | None = None
        self._wire_view: WireView | None = None
        self._waterfall: Waterfall | None = None

    # -- structure -------------------------------------------------------------------------
    def header(
        self, title: str, summary: str, base_url: str, versions: str, *, legacy: bool = False
    ) -> None:
        heading = Text(title, style="bold")
        if legacy:
            heading.append("  LEGACY", style="bold yellow")
        self.out.print(Rule(heading, style="magenta"))
        if summary:
            self.out.text(summary)
        where = base_url if " " in base_url else f"served by uvicorn at {base_url}"
        self.out.text(where, "dim")
        self.out.text(f"running {versions}", "dim")
        self.out.flush()

    def startup_log(self, entries: list[LogEntry]) -> None:
        if entries:
            self.out.line(("While the app was imported, the server side said:", "bold"))
            self._print_log(entries, None)

    def example_header(self, example: Example) -> None:
        # Its place in the run, so an example run again (a paced demo's `r`) keeps its number.
        self._index = self._examples.index(example) + 1
        label = Text(f"{self._index}/{len(self._examples)} ", style="dim")
        label.append(example.name, style="bold")
        label.append(f": {example.title}")
        if example.legacy:
            label.append("  LEGACY", style="bold yellow")
        self.out.print()
        self.out.print(Rule(label, style="blue", align="left"))
        shown = self.source(example) if self.source is not None else None
        if shown is not None:
            where, code = shown
            self.out.print()
            self.out.line((f"# {where}", "dim"))
            if self.color:
                from rich.syntax import Syntax

                self.out.print(
                    Syntax(
                        code,
                        "python",
                        theme="ansi_dark",
                        background_color="default",
                        word_wrap=True,
                    )
                )
            else:
                self.out.lines([[(line, "")] for line in code.splitlines()])
        self.out.flush()

    def example_footer(self, example: Example) -> None:
        if not example.notice:  # a learner's own request (frcli inspect) has nothing to notice
            return
        self.out.lines([[]])
        self.out.lines(
            hanging(
                [("What to notice: ", "bold magenta")], example.notice, self.out.width, indent=2
            )
        )
        self.out.flush()

    # -- events ----------------------------------------------------------------------------
    def handle(self, event: Event) -> None:
        ex = event.exchange
        if event.kind == "request":
            if ex.hop == 0:
                self.example_header(self._example(ex.example))
            else:
                self.out.lines([[], [(f"→ following the redirect, hop {ex.hop + 1}", "cyan")]])
            if not self.wire:
                self._request(ex)
        elif event.kind == "head":
            self._head(ex)
        elif event.kind == "chunk" and event.chunk is not None:
            self._chunk(ex, event.chunk)
        elif event.kind == "end":
            self._end(ex)
            if ex.last:  # the recorder knows whether another hop follows
                self.example_footer(self._example(ex.example))
        if event.kind != "chunk":
            self.out.flush()

    def close(self) -> None:
        """Write anything still queued (call once the run is over)."""
        self.out.flush()

    def _example(self, name: str) -> Example:
        return next(e for e in self._examples if e.name == name)

    def _header_lines(self, mark: str, first: Line, headers: list[tuple[str, str]]) -> list[Line]:
        lines: list[Line] = [[], [(f"{mark} ", "dim"), *first]]
        width = self.out.width
        for name, value in headers:
            prefix: Line = [(f"{mark} ", "dim"), (name, "cyan"), (": ", "")]
            lines += hanging(prefix, value, width, indent=4)
        return lines

    def _request(self, ex: Exchange) -> None:
        req = ex.request
        path = req.url.split("://", 1)[-1]
        path = "/" + path.split("/", 1)[1] if "/" in path else "/"
        first: Line = [(f"{req.method} {path} HTTP/1.1", "bold")]
        headers = [(k, v) for k, v in req.headers]
        self.out.lines(self._header_lines(">", first, headers))
        if req.body:
            ctype = next((v for k, v in req.headers if k.lower() == "content-type"), None)
            self._request_body(req.body, ctype)

    def _request_body(self, body: bytes, content_type: str | None) -> None:
        if self.pretty and classify(content_type).kind in ("json", "csv", "html", "xml"):
            from .body import render_body

            self.out.line(("  pretty-printed by frcli (drop --pretty to see it as sent)", "yellow"))
            self.out.print(
                self._indent(
                    render_body(
                        body,
                        content_type,
                        full=self.full,
                        color=self.color,
                    )
                )
            )
            return
        from .views import PlainView

        fake = Exchange(demo="", example="", hop=0, request=None)  # type: ignore[arg-type]
        view = PlainView(self.out, fake, full=self.full)
        view.content_type = content_type
        view.feed(Chunk(0.0, len(body), body))
        view.end(fake)

    def _head(self, ex: Exchange) -> None:
        head = ex.response
        assert head is not None
        if self.timeline:
            self._waterfall = Waterfall(self.out, full=self.full)
        if self.wire:
            self._wire_view = WireView(self.out, full=self.full)
            self.out.lines([[]])
            self._wire_view.update(ex)
            return
        first: Line = [
            (f"{head.http_version} {head.status} {head.reason}", status_style(head.status)),
            (f"   {fmt_t(ex.t_head or 0)}", "dim"),
        ]
        self.out.lines(self._header_lines("<", first, head.headers))
        self._view = None
        if ex.request.method == "HEAD" or head.status in (204, 304):
            return
        enc = head.content_encoding
        if enc in ("gzip", "deflate"):
            self.out.line((f"  body, decoded from {enc}:", "dim"))
        elif enc and enc != "identity":
            self.out.line((f"  body is {enc}-encoded; shown as it came:", "dim"))
        self._view = choose_view(self.out, ex, full=self.full, pretty=self.pretty, color=self.color)
        self._view.start()

    def _chunk(self, ex: Exchange, chunk: Chunk) -> None:
        if self._waterfall is not None:
            self._waterfall.chunk(chunk.t, chunk.size)
        if self._wire_view is not None:
            self._wire_view.update(ex)
        elif self._view is not None:
            self._view.feed(chunk)

    def _end(self, ex: Exchange) -> None:
        head = ex.response
        if self._wire_view is not None:
            self._wire_view.end(ex)
            self._wire_view = None
        elif head is not None:
            if self._view is not None:
                self._view.end(ex)
            elif ex.request.method == "HEAD" or head.status in (204, 304) or not ex.decoded_size:
                self.out.line(("  (no body)", "dim"))
        self._view = None
        if head is not None:
            self.out.lines(hanging([("  = ", "dim")], self._summary(ex), self.out.width, "dim"))
        self.out.lines(hanging([("  ", "")], self._timings(ex), self.out.width, "dim"))
        if self._waterfall is not None:
            self._waterfall.draw(ex)
            self._waterfall = None
        if ex.stopped:
            self.out.line((f"  ■ {ex.stopped}: frcli closed the connection", "yellow"))
        if ex.error:
            self.out.lines(
                hanging(
                    [("  ✗ ", "bold red")],
                    f"the client saw an error: {ex.error}",
                    self.out.width,
                    "bold red",
                )
            )
        if ex.server_log:
            self.out.line(("  The server side said:", "bold"))
            self._print_log(ex.server_log, ex.t0)

    def _summary(self, ex: Exchange) -> str:
        head = ex.response
        assert head is not None
        if not ex.body_size:
            body = "no body bytes"
        elif head.header("content-length") is not None:
            body = f"body {ex.body_size:,} B (content-length)"
        else:
            n = ex.chunk_count
            body = f"body {ex.body_size:,} B in {n:,} chunk{'s' if n != 1 else ''}"
        enc = head.content_encoding
        if enc in ("gzip", "deflate") and ex.body_size:
            body += f", {enc}-decoded to {ex.decoded_size:,} B"
        wire = ex.wire.received_bytes
        if wire:
            framing = "head and chunk framing" if head.header("transfer-encoding") else "head"
            body += f"; {wire:,} B on the wire with the {framing}"
        return body

    @staticmethod
    def _timings(ex: Exchange) -> str:
        """One line: when each phase ended, in ms since the request started."""
        t = ex.timings
        parts = ["connect " + (f"{t.connect * 1000:,.1f}" if t.connect is not None else "reused")]
        for label, value in (
            ("sent", t.request_sent),
            ("first byte", t.first_byte),
            ("head", t.head),
            ("end", t.end),
        ):
            if value is not None:
                parts.append(f"{label} {value * 1000:,.1f}")
        return "timings (ms): " + ", ".join(parts)

    @staticmethod
    def _indent(renderable: RenderableType) -> Padding:
        return Padding(renderable, (0, 0, 0, INDENT), expand=False)

    def _print_log(self, entries: list[LogEntry], t0: float | None) -> None:
        lines: list[Line] = []
        width = self.out.width
        for e in entries:
            style = "red" if e.level in ("ERROR", "CRITICAL") else "yellow"
            when = f"{fmt_t(e.t - t0)} " if t0 is not None else ""
            prefix: Line = [("  ! ", style), (when, "dim")]
            text_lines = f"{e.level} {short_logger(e.source)}: {e.message}".splitlines() or [""]
            lines += hanging(prefix, text_lines[0], width, indent=6)
            for more in text_lines[1:]:
                lines += hanging([("      ", "")], more, width)
        self.out.lines(lines)
