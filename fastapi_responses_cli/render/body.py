"""``--pretty``: a complete body reformatted for reading, chosen by media type alone.

Only used when the learner asks (bodies are shown as sent by default, see views.py), and
always under a label that says frcli reformatted it. Every function returns a rich renderable;
nothing here knows which demo produced the body. Media types: the one table in :mod:`..media`.
"""

from __future__ import annotations

import csv
import io
import json

import orjson
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..media import charset_of, classify

MAX_LINES = 40
MAX_CSV_ROWS = 12
HEX_PREVIEW = 64


def _cut_note(hidden: int, what: str) -> Text:
    return Text(f"… {hidden:,} more {what} not shown; --full shows all", style="dim italic")


def decode_text(data: bytes, content_type: str | None) -> str | None:
    """Decode with the declared charset (utf-8 by default); None if it is not text."""
    try:
        return data.decode(charset_of(content_type))
    except (UnicodeDecodeError, LookupError):
        return None


def hex_preview(data: bytes, full: bool = False) -> RenderableType:
    shown = data if full else data[:HEX_PREVIEW]
    lines = []
    for off in range(0, len(shown), 16):
        row = shown[off : off + 16]
        hexes = " ".join(f"{b:02x}" for b in row)
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in row)
        lines.append(Text(f"{off:08x}  {hexes:<47}  {text}"))
    if len(shown) < len(data):
        lines.append(
            Text(
                f"… {len(data) - len(shown):,} more bytes not shown; --full shows all",
                style="dim italic",
            )
        )
    return Group(*lines)


def _cut_lines(text: str, full: bool) -> tuple[str, Text | None]:
    lines = text.splitlines()
    if full or len(lines) <= MAX_LINES:
        return text, None
    kept = "\n".join(lines[:MAX_LINES])
    hidden = lines[MAX_LINES:]
    return kept, _cut_note(len(hidden), "lines of the reformatted text")


def _syntax(code: str, lexer: str, color: bool) -> RenderableType:
    if not color:  # no colour wanted: skip pygments entirely
        return Text(code)
    from rich.syntax import Syntax

    return Syntax(code, lexer, theme="ansi_dark", word_wrap=True, background_color="default")


def pretty_json(text: str) -> str | None:
    """The JSON indented by two spaces (orjson, fast at any size); None when it is not JSON."""
    try:
        return orjson.dumps(orjson.loads(text), option=orjson.OPT_INDENT_2).decode()
    except (orjson.JSONDecodeError, TypeError):  # big integers, NaN: the standard library
        try:
            return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
        except ValueError:
            return None


def render_body(
    data: bytes,
    content_type: str | None,
    *,
    full: bool = False,
    color: bool = True,
) -> RenderableType:
    info = classify(content_type)
    if not data:
        return Text("(empty body)", style="dim")
    text = decode_text(data, content_type) if info.text else None
    if text is None:
        return hex_preview(data, full)
    if info.kind == "json":
        pretty = pretty_json(text)
        if pretty is not None:
            kept, note = _cut_lines(pretty, full)
            return _with_note(_syntax(kept, "json", color), note)
    if info.kind == "csv":
        table = _csv_table(text, full)
        if table is not None:
            return table
    lexer = info.lexer
    kept, note = _cut_lines(text, full)
    body = _syntax(kept, lexer, color) if lexer else Text(kept)
    return _with_note(body, note)


def _with_note(body: RenderableType, note: Text | None) -> RenderableType:
    return Group(body, note) if note is not None else body


def _csv_table(text: str, full: bool) -> RenderableType | None:
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        return None
    if len(rows) < 2 or len({len(r) for r in rows[:50]}) != 1 or len(rows[0]) > 12:
        return None
    header, data_rows = rows[0], rows[1:]
    shown = data_rows if full else data_rows[:MAX_CSV_ROWS]
    table = Table(*header, show_edge=False, pad_edge=False, header_style="bold")
    for row in shown:
        table.add_row(*row)
    if len(shown) < len(data_rows):
        hidden = data_rows[len(shown) :]
        return Group(table, _cut_note(len(hidden), "rows"))
    return table
