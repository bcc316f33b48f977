"""The one media-type table: how a body of a given type is shown, by the renderer and the site.

Standard library only. ``kind`` picks the body view (render/views.py); ``text`` says whether
the bytes are text to decode; ``lexer`` is what ``--pretty`` and the route highlighter use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BodyKind = Literal["sse", "jsonl", "json-seq", "json", "csv", "html", "xml", "text", "binary"]


@dataclass(frozen=True)
class MediaInfo:
    media_type: str  # "application/json", lower case, parameters dropped
    kind: BodyKind
    text: bool
    lexer: str | None = None  # pygments lexer for colour / --pretty

    @property
    def stream(self) -> Literal["sse", "jsonl", "json-seq"] | None:
        """The record-framed kinds: shown record by record as they arrive."""
        if self.kind in ("sse", "jsonl", "json-seq"):
            return self.kind
        return None


# Exact media types first; the suffix and prefix rules below cover the rest.
_TABLE: dict[str, tuple[BodyKind, str | None]] = {
    "text/event-stream": ("sse", None),
    "application/jsonl": ("jsonl", "json"),
    "application/x-ndjson": ("jsonl", "json"),
    "application/x-jsonlines": ("jsonl", "json"),
    # RFC 7464: records framed by RS (0x1E), not by newlines alone.
    "application/json-seq": ("json-seq", "json"),
    "application/json": ("json", "json"),
    "text/csv": ("csv", None),
    "text/html": ("html", "html"),
    "application/xml": ("xml", "xml"),
    "text/xml": ("xml", "xml"),
    "image/svg+xml": ("xml", "xml"),
    "application/javascript": ("text", "javascript"),
    "text/javascript": ("text", "javascript"),
    "text/css": ("text", "css"),
    "application/x-www-form-urlencoded": ("text", None),
}


def media_type_of(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def charset_of(content_type: str | None, default: str = "utf-8") -> str:
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip().strip('"')
    return default


def classify(content_type: str | None) -> MediaInfo:
    media = media_type_of(content_type)
    if media in _TABLE:
        kind, lexer = _TABLE[media]
        return MediaInfo(media, kind, True, lexer)
    if media.endswith("+json"):
        return MediaInfo(media, "json", True, "json")
    if media.endswith("+xml"):
        return MediaInfo(media, "xml", True, "xml")
    if media.startswith(("text/", "multipart/")):
        return MediaInfo(media, "text", True)
    if not media:  # no content-type: try it as text, fall back to hex
        return MediaInfo(media, "text", True)
    return MediaInfo(media, "binary", False)
