"""What the site knows about each example: its URL under the prefix, and what kind of stream
it answers with, read from the route's own OpenAPI response (never from the demo's name)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..content import Example
from ..media import classify
from ..routing import route_for

if TYPE_CHECKING:
    from .mounts import Mounted


def stream_kind(media_type: str) -> str | None:
    """ "sse" or "jsonl" when the site has a live page for this media type (the one
    media-type table, :mod:`..media`, decides what a type is)."""
    kind = classify(media_type).stream
    return kind if kind in ("sse", "jsonl") else None


@dataclass(frozen=True)
class ExampleInfo:
    demo: str
    example: Example
    url: str  # "/streaming/events": the path (and query) on the combined server
    media_types: tuple[str, ...]  # documented success media types, if the route is documented
    stream: str | None  # "sse", "jsonl" or None

    @property
    def linkable(self) -> bool:
        """A browser can open it by following a link: a GET with no body."""
        ex = self.example
        return ex.method == "GET" and ex.json_body is None and ex.body is None


def documented_operation(entry: Mounted, example: Example) -> tuple[str, dict] | None:
    """The OpenAPI path template and operation of the route ``example`` reaches, if any."""
    route = route_for(entry.app, example.method, urlsplit(example.path).path)
    path_format = getattr(route, "path_format", None)
    if path_format is None:
        return None
    operation = entry.app.openapi().get("paths", {}).get(path_format, {})
    operation = operation.get(example.method.lower())
    return (path_format, operation) if operation is not None else None


def documented_media_types(entry: Mounted, example: Example) -> tuple[str, ...]:
    """The media types the route's OpenAPI operation documents for its 2xx responses."""
    found_op = documented_operation(entry, example)
    if found_op is None:
        return ()
    found: list[str] = []
    for status, response in found_op[1].get("responses", {}).items():
        if str(status).startswith("2"):
            for media_type in response.get("content", {}):
                if media_type not in found:
                    found.append(media_type)
    return tuple(found)


def example_infos(mounted: Mapping[str, Mounted]) -> list[ExampleInfo]:
    """Every example of every served demo, in catalog order."""
    infos: list[ExampleInfo] = []
    for name, entry in mounted.items():
        for example in entry.demo.meta.examples:
            media_types = documented_media_types(entry, example)
            stream = next((k for k in map(stream_kind, media_types) if k is not None), None)
            infos.append(ExampleInfo(name, example, f"/{name}{example.path}", media_types, stream))
    return infos


def streams(infos: list[ExampleInfo], kind: str) -> list[ExampleInfo]:
    """The GET examples whose route documents the given stream kind ("sse" or "jsonl").

    The demo with the most such examples comes first (the one that teaches that kind of
    stream), then catalog order; its first example is the live page's default.
    """
    found = [i for i in infos if i.stream == kind and i.linkable]
    per_demo: dict[str, int] = {}
    for info in found:
        per_demo[info.demo] = per_demo.get(info.demo, 0) + 1
    order = {info.demo: n for n, info in reversed(list(enumerate(infos)))}
    return sorted(found, key=lambda i: (-per_demo[i.demo], order[i.demo]))
