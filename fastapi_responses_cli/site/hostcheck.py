"""The Host check `frcli serve` puts in front of the combined app (DNS rebinding protection).

A page on another site can point a name it controls at 127.0.0.1 and then read responses from
the learner's machine with its own scripts: the browser sees one origin, the attacker's. The
request still carries the attacker's name in ``Host``, so a server bound to loopback answers
only the loopback names (``127.0.0.1``, ``localhost``, ``[::1]``, any port) and the address it
was started with; anything else gets a plain-text 400 that says why. ``frcli serve --host
0.0.0.0`` (every interface, on purpose) accepts any name.

Standard library only: an ASGI wrapper, applied in :mod:`fastapi_responses_cli.commands.serve`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


def host_name(value: str) -> str:
    """The name in a Host header, without its port or IPv6 brackets, lower case."""
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8000
        end = value.find("]")
        return value[1:end] if end > 0 else value
    if value.count(":") == 1:  # 127.0.0.1:8000, localhost:8000
        value = value.split(":", 1)[0]
    return value.removesuffix(".")  # "localhost." is the same name


class HostCheck:
    """Answer 400 to a request whose Host is not one of ``names``; ``names=None``: any host."""

    def __init__(self, app: ASGIApp, names: Iterable[str] | None = LOOPBACK_NAMES) -> None:
        self.app = app
        self.names = None if names is None else frozenset(host_name(n) for n in names)

    def allowed(self, host: str | None) -> bool:
        # No Host header at all (HTTP/1.0): no name to rebind, nothing to refuse.
        return self.names is None or host is None or host_name(host) in self.names

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.names is None:
            await self.app(scope, receive, send)
            return
        hosts = [v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"]
        if len(hosts) <= 1 and self.allowed(hosts[0] if hosts else None):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        shown = ", ".join(f"[{n}]" if ":" in n else n for n in sorted(self.names))
        body = (
            f"400 Bad Request: frcli serve answers only requests for {shown} (any port); "
            f"this one was for {', '.join(repr(h) for h in hosts) or 'several hosts'}.\n"
            "This keeps pages on other sites from reading the demos through a name that points "
            "at this machine (DNS rebinding). To serve another name on purpose, start it with "
            "frcli serve --host ADDRESS.\n"
        ).encode("ascii", "backslashreplace")
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
