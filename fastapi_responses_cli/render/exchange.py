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
from ..streams import JSONLinesParser, SSEEvent, SSEParser
from ..timeline import Chunk, Event, Exchange, LogEntry
from .body import decode_text, hex_preview, render_body

STATUS_STYLE = {1: "blue", 2: "green", 3: "cyan", 4: "yellow", 5: "red"}
LIVE_CHUNK_LINES = 12  # chunk lines shown before the rest are only counted (--full: all)
INDENT = 2


def status_style(status: int) -> str:
    return "bold " + STATUS_STYLE.get(status // 100, "white")


def fmt_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def fmt_t(seconds: float) -> str:
    return f"+{seconds * 1000:.1f} ms" if seconds < 1 else f"+{seconds:.3f} s"


def _preview(data: bytes, width: int) -> str:
    text = data.decode("utf-8", errors="backslashreplace")
    shown = repr(text)
    if len(shown) > width:
        shown = shown[: max(width - 1, 8)] + "…"
    return shown


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
    example's route source (None: no source is shown)."""

    def __init__(
        self,
        console: Console,
        examples: list[Example],
        *,
        source: SourceFn | None = None,
        full: bool = False,
    ) -> None:
        self.console = console
        self.full = full
        self.source = source
        self.color = console.color_system is not None
        self._examples = list(examples)
        self._index = 0
        self._mode = "body"
        self._sse: SSEParser | None = None
        self._jsonl: JSONLinesParser | None = None
        self._shown_chunks = 0
        self._last_t = 0.0

    # -- structure -------------------------------------------------------------------------
    def header(
        self, title: str, summary: str, base_url: str, versions: str, *, legacy: bool = False
    ) -> None:
        heading = Text(title, style="bold")
        if legacy:
            heading.append("  LEGACY", style="bold yellow")
        self.console.print(Rule(heading, style="magenta"))
        self.console.print(Text(summary))
        self.console.print(Text(f"served by uvicorn at {base_url}", style="dim"))
        self.console.print(Text(f"running {versions}", style="dim"))
        self._flush()

    def startup_log(self, entries: list[LogEntry]) -> None:
        if entries:
            self.console.print(
                Text("While the app was imported, the server side said:", style="bold")
            )
            self._print_log(entries)

    def example_header(self, example: Example) -> None:
        # Its place in the run, so an example run again (a paced demo's `r`) keeps its number.
        self._index = self._examples.index(example) + 1
        label = Text(f"{self._index}/{len(self._examples)} ", style="dim")
        label.append(example.name, style="bold")
        label.append(f": {example.title}")
        if example.legacy:
            label.append("  LEGACY", style="bold yellow")
        self.console.print()
        self.console.print(Rule(label, style="blue", align="left"))
        shown = self.source(example) if self.source is not None else None
        if shown is not None:
            where, code = shown
            self.console.print()
            self.console.print(Text(f"# {where}", style="dim"))
            if self.color:
                from rich.syntax import Syntax

                self.console.print(
                    Syntax(
                        code,
                        "python",
                        theme="ansi_dark",
                        background_color="default",
                        word_wrap=True,
                    )
                )
            else:
                self.console.print(Text(code))
        self._flush()

    def example_footer(self, example: Example) -> None:
        note = Text("What to notice: ", style="bold magenta")
        note.append(example.notice)
        self.console.print()
        self.console.print(note)
        self._flush()

    # -- events ----------------------------------------------------------------------------
    def handle(self, event: Event) -> None:
        ex = event.exchange
        if event.kind == "request":
            if ex.hop == 0:
                self.example_header(self._example(ex.example))
            else:
                self.console.print(
                    Text(f"\n→ following the redirect, hop {ex.hop + 1}", style="cyan")
                )
            self._request(ex)
        elif event.kind == "head":
            self._head(ex)
        elif event.kind == "chunk" and event.chunk is not None:
            self._chunk(ex, event.chunk)
        elif event.kind == "end":
            self._end(ex)
            if ex.last:  # the recorder knows whether another hop follows
                self.example_footer(self._example(ex.example))
        self._flush()

    def _example(self, name: str) -> Example:
        return next(e for e in self._examples if e.name == name)

    def _lines(self, lines: list[Text]) -> None:
        """Print several lines in one call (rich's per-call overhead dominates short lines)."""
        self.console.print(Text("\n").join(lines))

    def _request(self, ex: Exchange) -> None:
        req = ex.request
        path = req.url.split("://", 1)[-1]
        path = "/" + path.split("/", 1)[1] if "/" in path else "/"
        line = Text("> ", style="dim")
        line.append(f"{req.method} {path} HTTP/1.1", style="bold")
        lines = [Text(), line]
        lines += [Text(f"> {name}: {value}", style="dim") for name, value in req.headers]
        self._lines(lines)
        if req.body:
            ctype = next((v for k, v in req.headers if k.lower() == "content-type"), None)
            self.console.print(self._indent(self._render_body(req.body, ctype)))

    def _head(self, ex: Exchange) -> None:
        head = ex.response
        assert head is not None
        line = Text("< ", style="dim")
        line.append(
            f"{head.http_version} {head.status} {head.reason}", style=status_style(head.status)
        )
        line.append(f"   {fmt_t(ex.t_head or 0)}", style="dim")
        lines = [Text(), line]
        for name, value in head.headers:
            t = Text("< ", style="dim")
            t.append(name, style="cyan")
            t.append(f": {value}")
            lines.append(t)
        self._lines(lines)
        media = head.media_type
        streamed = head.header("content-length") is None and head.status not in (204, 304)
        self._mode = "body"
        if media == "text/event-stream":
            self._mode, self._sse = "sse", SSEParser()
        elif media in ("application/jsonl", "application/x-ndjson", "application/json-seq"):
            self._mode, self._jsonl = "jsonl", JSONLinesParser()
        elif streamed and ex.request.method != "HEAD":
            self._mode = "chunks"
        self._shown_chunks = 0
        self._last_t = ex.t_head or 0.0
        if self._mode != "body":
            label = {"sse": "Server-Sent Events", "jsonl": "JSON Lines", "chunks": "chunks"}[
                self._mode
            ]
            self.console.print(
                Text(f"  {label} as they arrive (time since the request, gap, size):", style="bold")
            )

    def _timing(self, chunk: Chunk) -> Text:
        gap = chunk.t - self._last_t
        self._last_t = chunk.t
        return Text(
            f"  {fmt_t(chunk.t):>11} {'Δ' + fmt_t(gap)[1:]:>10} {fmt_size(chunk.size):>8}  ",
            style="dim",
        )

    def _chunk(self, ex: Exchange, chunk: Chunk) -> None:
        if self._mode == "body":
            return
        if not self.full and self._shown_chunks >= LIVE_CHUNK_LINES:
            self._last_t = chunk.t
            return
        if self._mode == "chunks":
            self._shown_chunks += 1
            line = self._timing(chunk)
            width = max(self.console.width - line.cell_len, 20)
            if ex.response and decode_text(chunk.data, ex.response.header("content-type")) is None:
                line.append(chunk.data[:12].hex(" ") + (" …" if len(chunk.data) > 12 else ""))
            else:
                line.append(_preview(chunk.data, width))
            self.console.print(line, overflow="ellipsis", no_wrap=True)
        elif self._mode == "sse" and self._sse is not None:
            events = self._sse.feed(chunk.data)
            timing = self._timing(chunk)
            pad = " " * timing.cell_len
            for i, event in enumerate(events):
                self._shown_chunks += 1
                prefix = timing if i == 0 else Text(pad)
                self._print_sse(prefix, pad, event)
        elif self._mode == "jsonl" and self._jsonl is not None:
            timing = self._timing(chunk)
            pad = " " * timing.cell_len
            for i, (text, value) in enumerate(self._jsonl.feed(chunk.data)):
                self._shown_chunks += 1
                line = (timing if i == 0 else Text(pad)).copy()
                if value is None:
                    line.append(text + "  (not valid JSON)", style="red")
                else:
                    line.append(text)  # the line as sent: one JSON value
                self.console.print(line)

    def _print_sse(self, prefix: Text, pad: str, event: SSEEvent) -> None:
        lines: list[Text] = []
        fields = Text()
        for key in ("event", "id", "retry"):
            value = getattr(event, key)
            if value is not None:
                fields.append(f"{key}: ", style="cyan")
                fields.append(f"{value}  ")
        if fields:
            lines.append(fields)
        if event.data is not None:
            for j, data_line in enumerate(event.data.split("\n")):
                t = Text("data: " if j == 0 else "      ", style="cyan")
                t.append(data_line)
                lines.append(t)
        for comment in event.comments:
            lines.append(Text(f": {comment}   (comment)", style="dim"))
        for k, line in enumerate(lines):
            out = (prefix if k == 0 else Text(pad)).copy()
            out.append_text(line)
            self.console.print(out)

    def _end(self, ex: Exchange) -> None:
        head = ex.response
        if head is not None:
            if self._mode == "body":
                self._body(ex)
            else:
                hidden = len(ex.chunks) - self._shown_chunks if self._mode == "chunks" else 0
                if hidden > 0:
                    self.console.print(
                        Text(
                            f"  … {hidden:,} more chunks not shown; --full shows every one",
                            style="dim italic",
                        )
                    )
            n = len(ex.chunks)
            summary = (
                f"  = {n:,} chunk{'s' if n != 1 else ''}, {fmt_size(ex.wire_size)} on the wire, "
                f"complete at {fmt_t(ex.t_end or 0)}"
                if n
                else f"  = no body bytes, complete at {fmt_t(ex.t_end or 0)}"
            )
            enc = head.content_encoding
            if enc:
                summary += f"; {enc}-decoded to {fmt_size(len(ex.body))}"
            self.console.print(Text(summary, style="dim"))
        if ex.stopped:
            self.console.print(
                Text(f"  ■ {ex.stopped}: frcli closed the connection", style="yellow")
            )
        if ex.error:
            self.console.print(Text(f"  ✗ the client saw an error: {ex.error}", style="bold red"))
        if ex.server_log:
            self.console.print(Text("  The server side said:", style="bold"))
            self._print_log(ex.server_log)

    def _body(self, ex: Exchange) -> None:
        head = ex.response
        assert head is not None
        if ex.request.method == "HEAD" or head.status in (204, 304) or not ex.body:
            self.console.print(Text("  (no body)", style="dim"))
            return
        enc = head.content_encoding
        if enc and enc not in ("gzip", "deflate"):
            self.console.print(Text(f"  body is {enc}-encoded; shown as it came:", style="dim"))
            self.console.print(self._indent(hex_preview(ex.body, self.full)))
            return
        if enc:
            self.console.print(Text(f"  body, decoded from {enc}:", style="dim"))
        self.console.print(self._indent(self._render_body(ex.body, head.header("content-type"))))

    def _render_body(self, data: bytes, content_type: str | None) -> RenderableType:
        return render_body(
            data, content_type, full=self.full, color=self.color, width=self.console.width - INDENT
        )

    @staticmethod
    def _indent(renderable: RenderableType) -> Padding:
        return Padding(renderable, (0, 0, 0, INDENT), expand=False)

    def _print_log(self, entries: list[LogEntry]) -> None:
        from rich.table import Table

        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")  # long messages wrap under themselves
        for e in entries:
            style = "red" if e.level in ("ERROR", "CRITICAL") else "yellow"
            grid.add_row(Text("  !", style=style), Text(f"{e.level} {e.source}: {e.message}"))
        self.console.print(grid)

    def _flush(self) -> None:
        try:
            self.console.file.flush()
        except (AttributeError, ValueError):
            pass
