"""Turn a complete body into something readable, chosen by media type alone.

Every function returns a rich renderable; nothing here knows which demo produced the body.
"""

from __future__ import annotations

import csv
import io
import json

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

MAX_LINES = 40
MAX_CSV_ROWS = 12
HEX_PREVIEW = 64


def _cut_note(hidden_lines: int, hidden_bytes: int) -> Text:
    return Text(
        f"… {hidden_lines:,} more lines ({hidden_bytes:,} bytes) not shown; "
        "--full shows everything",
        style="dim italic",
    )


def is_text_type(media_type: str) -> bool:
    return (
        media_type.startswith("text/")
        or media_type
        in (
            "application/json",
            "application/jsonl",
            "application/x-ndjson",
            "application/xml",
            "application/javascript",
            "image/svg+xml",
            "application/x-www-form-urlencoded",
        )
        or media_type.endswith(("+json", "+xml"))
        or media_type.startswith("multipart/")
    )


def decode_text(data: bytes, content_type: str | None) -> str | None:
    """Decode with the declared charset (utf-8 by default); None if it is not text."""
    charset = "utf-8"
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip('"')
    try:
        return data.decode(charset)
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
                f"… {len(data) - len(shown):,} more bytes not shown; --full shows everything",
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
    return kept, _cut_note(len(hidden), len("\n".join(hidden).encode()))


def _syntax(code: str, lexer: str, color: bool) -> RenderableType:
    if not color:  # no colour wanted: skip pygments entirely
        return Text(code)
    from rich.syntax import Syntax

    return Syntax(code, lexer, theme="ansi_dark", word_wrap=True, background_color="default")


def pretty_json(text: str, width: int) -> str | None:
    """The JSON as sent when it fits on one line (whitespace and key order are facts too),
    otherwise indented; None when it is not JSON."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if "\n" not in text.strip() and len(text) <= width:
        return text
    return json.dumps(value, indent=2, ensure_ascii=False)


def render_body(
    data: bytes,
    content_type: str | None,
    *,
    full: bool = False,
    color: bool = True,
    width: int = 76,
) -> RenderableType:
    media_type = (content_type or "").split(";")[0].strip().lower()
    if not data:
        return Text("(empty body)", style="dim")
    text = decode_text(data, content_type) if (is_text_type(media_type) or not media_type) else None
    if text is None:
        return hex_preview(data, full)
    if media_type == "application/json" or media_type.endswith("+json"):
        pretty = pretty_json(text, width)
        if pretty is not None:
            kept, note = _cut_lines(pretty, full)
            return _with_note(_syntax(kept, "json", color), note)
    if media_type == "text/csv":
        table = _csv_table(text, full)
        if table is not None:
            return table
    lexer = {
        "text/html": "html",
        "application/xml": "xml",
        "text/xml": "xml",
        "image/svg+xml": "xml",
        "application/javascript": "javascript",
        "text/css": "css",
    }.get(media_type) or ("xml" if media_type.endswith("+xml") else None)
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
        return Group(table, _cut_note(len(hidden), sum(len(",".join(r)) + 1 for r in hidden)))
    return table
