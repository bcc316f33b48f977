"""``--timeline``: the phases of an exchange and every chunk on one time axis.

One row per phase (connect, request written, waiting for the first byte, the head) and one
per chunk, each a bar from where the previous step ended to where this one did, drawn by rich
in a fixed grid that fits 80 columns.
"""

from __future__ import annotations

from ..timeline import Exchange
from .out import Line, Out
from .views import RECORDS, fmt_t

LABEL = 22


def phases(ex: Exchange) -> list[tuple[str, float, float]]:
    """(label, start, end) of each phase the recorder measured, in order."""
    t = ex.timings
    rows: list[tuple[str, float, float]] = []
    prev = 0.0
    for label, at in (
        ("connect" if t.connect is not None else "connect (reused)", t.connect),
        ("request written", t.request_sent),
        ("wait for first byte", t.first_byte),
        ("response head", t.head),
    ):
        if label == "connect (reused)":
            rows.append((label, 0.0, 0.0))
            continue
        if at is None:
            continue
        rows.append((label, prev, at))
        prev = at
    return rows


class Waterfall:
    """Collects chunk times while the exchange runs (bounded unless ``full``), then draws."""

    def __init__(self, out: Out, *, full: bool) -> None:
        self.out = out
        self.full = full
        self.chunks: list[tuple[float, int]] = []
        self.more = 0
        self.last: tuple[float, int] | None = None

    def chunk(self, t: float, size: int) -> None:
        if self.full or len(self.chunks) < RECORDS:
            self.chunks.append((t, size))
        else:
            self.more += 1
            self.last = (t, size)

    def draw(self, ex: Exchange) -> None:
        end = ex.timings.end or ex.t_end or 0.0
        if end <= 0:
            return
        width = max(self.out.width - LABEL - 14, 10)
        scale = end / width
        rows: list[tuple[str, float, float]] = phases(ex)
        prev = ex.timings.head or 0.0
        for i, (t, size) in enumerate(self.chunks, 1):
            rows.append((f"chunk {i:,}  {size:,} B", prev, t))
            prev = t
        lines: list[Line] = [
            [
                (
                    f"  timeline: 0 to {fmt_t(end)[1:]}, one column = {fmt_t(scale)[1:]}",
                    "bold",
                )
            ]
        ]
        for label, start, stop in rows:
            lines.append(self._bar(label, start, stop, scale, width))
        if self.more:
            lines.append([(f"  … {self.more:,} more chunks; --full shows all", "dim italic")])
            if self.last is not None:
                t, size = self.last
                lines.append(self._bar(f"last chunk  {size:,} B", t, t, scale, width))
        lines.append(self._bar("end", end, end, scale, width))
        self.out.lines(lines)

    @staticmethod
    def _bar(label: str, start: float, stop: float, scale: float, width: int) -> Line:
        a = min(int(start / scale), width - 1) if scale else 0
        b = min(max(int(stop / scale), a), width - 1) if scale else 0
        bar = " " * a + "━" * (b - a) + "┃" + " " * (width - 1 - b)
        return [
            (f"  {label[: LABEL - 3]:<{LABEL - 2}}", ""),
            ("│", "dim"),
            (bar, "cyan"),
            ("│", "dim"),
            (f" {fmt_t(stop):>11}", "dim"),
        ]
