"""The curl and HTTPie command lines that send the same request as an example.

Used by ``frcli demo --curl/--httpie``, the ``frcli serve`` banner and the index page.
"""

from __future__ import annotations

import json
import shlex
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pydantic stays out of `frcli --help`, which reads the defaults below
    from .content import Example

# Where `frcli serve` listens by default; every printed command and banner uses these.
SERVE_HOST = "127.0.0.1"
SERVE_PORT = 8000
SERVE_BASE = f"http://{SERVE_HOST}:{SERVE_PORT}"


def _body_text(example: Example) -> str | None:
    """The request body as command-line text: compact JSON, or the raw body, or None."""
    if example.json_body is not None:
        return json.dumps(example.json_body, separators=(",", ":"))
    return example.body


def curl_command(base_url: str, example: Example) -> str:
    """The curl command that sends the same request: -i shows the head, -N shows chunks live."""
    parts = ["curl", "-i", "-N"]
    data = _body_text(example)
    if example.method == "HEAD":
        parts = ["curl", "-I"]
    elif not (example.method == "GET" or (example.method == "POST" and data is not None)):
        # Data already means POST. An explicit -X POST would also be wrong with -L: curl then
        # keeps POST after a 303, where a client must switch to GET.
        parts += ["-X", example.method]
    if example.follow_redirects:
        parts.append("-L")
    headers = dict(example.headers)
    if example.json_body is not None:
        headers.setdefault("content-type", "application/json")
    for name, value in headers.items():
        if name.lower() == "accept-encoding" and "gzip" in value:
            parts.append("--compressed")  # asks for gzip and shows the decoded body
            continue
        parts += ["-H", f"{name}: {value}"]
    if data is not None:
        parts += ["--data-raw", data]
    parts.append(base_url + example.path)
    return " ".join(shlex.quote(p) for p in parts)


def httpie_command(base_url: str, example: Example) -> str:
    """The HTTPie command that sends the same request.

    ``--print=hb`` shows the response head and body even when piped; ``--stream`` shows a
    stream as it arrives; with ``--follow``, ``--all`` shows every hop, as frcli does. Options
    go before the method: HTTPie reads everything after the URL as request items.
    """
    parts = ["http", "--print=hb", "--stream"]
    if example.follow_redirects:
        parts += ["--follow", "--all"]
    data = _body_text(example)
    if data is not None:
        parts += ["--raw", data]  # with no --form, HTTPie labels it application/json
    parts += [example.method, base_url + example.path]
    # name:value sends a header; "name;" sends one with an empty value.
    parts += [f"{name}:{value}" if value else f"{name};" for name, value in example.headers.items()]
    return " ".join(shlex.quote(p) for p in parts)
