"""Exports for teachers: what was rendered (SVG, HTML from rich's recording) and HAR 1.2.

HAR carries each exchange's request, response and phase timings (item 4 of the wire issue);
chunk-by-chunk detail stays in ``--json``. Standard library only, apart from the console.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from ..timeline import Exchange

if TYPE_CHECKING:
    from rich.console import Console


def save_recording(console: Console, *, svg: Path | None, html: Path | None, title: str) -> None:
    """Write what ``console`` recorded (it must have been made with ``record``)."""
    if svg is not None:
        console.save_svg(str(svg), title=title, clear=False)
    if html is not None:
        console.save_html(str(html), clear=False)


def _ms(start: float | None, end: float | None) -> float:
    if start is None or end is None:
        return -1
    return round(max(end - start, 0.0) * 1000, 3)


def _headers(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"name": k, "value": v} for k, v in pairs]


def _cookies(pairs: list[tuple[str, str]], name: str) -> list[dict[str, str]]:
    out = []
    for k, v in pairs:
        if k.lower() != name:
            continue
        for part in v.split(";") if name == "cookie" else [v.split(";", 1)[0]]:
            key, _, value = part.strip().partition("=")
            if key:
                out.append({"name": key, "value": value})
    return out


def _head_size(head_lines: list[str]) -> int:
    return sum(len(line.encode("latin-1", "replace")) + 2 for line in head_lines) + 2


def har_entry(ex: Exchange) -> dict[str, Any]:
    req, res, t = ex.request, ex.response, ex.timings
    url = urlsplit(req.url)
    target = url.path + (f"?{url.query}" if url.query else "")
    request: dict[str, Any] = {
        "method": req.method,
        "url": req.url,
        "httpVersion": "HTTP/1.1",
        "cookies": _cookies(req.headers, "cookie"),
        "headers": _headers(req.headers),
        "queryString": [{"name": k, "value": v} for k, v in parse_qsl(url.query)],
        "headersSize": _head_size(
            [f"{req.method} {target} HTTP/1.1", *[f"{k}: {v}" for k, v in req.headers]]
        ),
        "bodySize": len(req.body),
    }
    if req.body:
        ctype = next((v for k, v in req.headers if k.lower() == "content-type"), "")
        request["postData"] = {"mimeType": ctype, "text": req.body.decode("utf-8", "replace")}
    response: dict[str, Any]
    if res is None:
        response = {
            "status": 0,
            "statusText": "",
            "httpVersion": "",
            "cookies": [],
            "headers": [],
            "content": {"size": 0, "mimeType": ""},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": -1,
            "_error": ex.error,
        }
    else:
        content: dict[str, Any] = {
            "size": ex.decoded_size,
            "mimeType": res.header("content-type") or "",
        }
        if ex.keep_body and ex.chunks:
            body = ex.body
            try:
                content["text"] = body.decode("utf-8")
            except UnicodeDecodeError:
                content["text"] = base64.b64encode(body).decode("ascii")
                content["encoding"] = "base64"
        if ex.body_size != ex.decoded_size:
            content["compression"] = ex.decoded_size - ex.body_size
        status_line = f"{res.http_version} {res.status} {res.reason}"
        response = {
            "status": res.status,
            "statusText": res.reason,
            "httpVersion": res.http_version,
            "cookies": _cookies(res.headers, "set-cookie"),
            "headers": _headers(res.headers),
            "content": content,
            "redirectURL": res.header("location") or "",
            "headersSize": _head_size([status_line, *[f"{k}: {v}" for k, v in res.headers]]),
            # Body bytes as received; with chunked framing the socket carried more.
            "bodySize": ex.body_size,
        }
    connect = _ms(0.0, t.connect)
    send = _ms(t.connect or 0.0, t.request_sent)
    wait = _ms(t.request_sent, t.first_byte or t.head)
    receive = _ms(t.first_byte or t.head, t.end)
    total = sum(v for v in (connect, send, wait, receive) if v >= 0)
    started = datetime.fromtimestamp(ex.started_at or 0.0, tz=UTC)
    return {
        "startedDateTime": started.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "time": round(total, 3),
        "request": request,
        "response": response,
        "cache": {},
        "timings": {
            "blocked": -1,
            "dns": -1,
            "connect": connect,
            "ssl": -1,
            "send": send if send >= 0 else 0,
            "wait": wait if wait >= 0 else 0,
            "receive": receive if receive >= 0 else 0,
        },
        "_example": ex.example,
        "_hop": ex.hop,
    }


def har(exchanges: list[Exchange]) -> dict[str, Any]:
    from .. import __version__

    return {
        "log": {
            "version": "1.2",
            "creator": {"name": "frcli", "version": __version__},
            "entries": [har_entry(ex) for ex in exchanges],
        }
    }


def save_har(path: Path, exchanges: list[Exchange]) -> None:
    path.write_text(json.dumps(har(exchanges), indent=2, ensure_ascii=False), encoding="utf-8")
