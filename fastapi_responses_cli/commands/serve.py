"""`frcli serve`: every demo on one uvicorn server, for a browser, curl or HTTPie.

The app is :func:`fastapi_responses_cli.site.app.create_app` (every demo under ``/<name>``,
an index at ``/``, live pages, ``/docs`` over all of them). The listening socket comes from
:func:`fastapi_responses_cli.server.bind_loopback` (a TCP-protocol socket, so kept-alive
requests are not delayed by Nagle's algorithm); uvicorn serves on it, under a reloader with
``--reload``.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
import sys
from pathlib import Path
from typing import Any

from .. import catalog
from ..clients import SERVE_HOST, SERVE_PORT
from ..errors import FrcliError

APP_FACTORY = "fastapi_responses_cli.site.app:create_app"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
# With streams open (a browser's EventSource), Ctrl-C waits at most this long for them.
GRACEFUL_SECONDS = 2.0
TRY_EXAMPLES = 3


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name other than localhost: it may resolve to anything
        return False


def url_host(host: str) -> str:
    """The host to put in URLs printed for the learner: a wildcard bind is reachable locally."""
    host = host.strip("[]")
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


_EADDRINUSE = os.strerror(errno.EADDRINUSE)  # "Address already in use"


def free_port_near(host: str, port: int, tries: int = 20) -> int | None:
    """A port after ``port`` that can be bound right now, to suggest instead of a busy one."""
    from ..live_server import bind_loopback

    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        try:
            bind_loopback(host, candidate).close()
        except FrcliError:
            continue
        return candidate
    return None


def open_socket(host: str, port: int) -> socket.socket:
    """The listening socket, or a one-line error; a busy port names a free one to use."""
    from ..live_server import bind_loopback

    try:
        return bind_loopback(host, port)
    except FrcliError as exc:
        if port != 0 and _EADDRINUSE in exc.message:
            other = free_port_near(host, port)
            hint = f"; try frcli serve --port {other}" if other else "; choose another with --port"
            raise FrcliError(
                f"port {port} is already in use on {host} (another server?){hint}", code=1
            ) from None
        raise


def banner(base: str, *, reload: bool, served: list[str], broken: dict[str, str]) -> str:
    """What the learner reads first: where to go, and a few requests to try."""
    from ..clients import curl_command
    from ..versions import installed

    demos = catalog.demos()
    versions = ", ".join(f"{n} {installed(n)}" for n in ("fastapi", "starlette", "uvicorn"))
    lines = [
        f"frcli serve: {len(served)} demo{'s' if len(served) != 1 else ''} on {base}",
        f"({versions})",
        "",
        f"  Index        {base}/",
        f"  API docs     {base}/docs",
        f"  OpenAPI      {base}/openapi.json",
        f"  Live SSE     {base}/live/sse",
        f"  Live JSONL   {base}/live/jsonl",
        "",
        "  Try:",
    ]
    shown = 0
    for name in served:
        demo = demos.get(name)
        if demo is None:
            continue
        example = next(
            (
                e
                for e in demo.meta.examples
                if e.method == "GET"
                and e.json_body is None
                and e.body is None
                and not e.headers
                and not e.legacy
            ),
            None,
        )
        if example is None:
            continue
        lines.append("    " + curl_command(f"{base}/{name}", example))
        shown += 1
        if shown == TRY_EXAMPLES:
            break
    lines.append("    frcli demo NAME --curl   (or --httpie: every example of a demo as a command)")
    if broken:
        lines.append("")
        lines.append("  Not served (the module did not import):")
        lines += [f"    {name}: {why}" for name, why in broken.items()]
    lines.append("")
    if reload:
        lines.append("Reloading when files in demos/ or frcli's package change.")
    lines.append("Press Ctrl-C to stop.")
    return "\n".join(lines)


def network_warning(host: str) -> str:
    return (
        f"warning: --host {host} is not a loopback address: every demo becomes reachable from "
        "the network, by anyone who can reach this machine. Leave --host out to stay on "
        "127.0.0.1."
    )


def serve(host: str = SERVE_HOST, port: int = SERVE_PORT, reload: bool = False) -> int:
    """Serve until Ctrl-C; 0 after a clean stop."""
    catalog.demos()  # a broken META is reported before anything listens
    sock = open_socket(host, port)
    try:
        port = sock.getsockname()[1]
        if not is_loopback(host):
            print(network_warning(host), file=sys.stderr, flush=True)
        base = f"http://{url_host(host)}:{port}"
        return _run(sock, host, port, base, reload)
    except KeyboardInterrupt:  # Ctrl-C before or after uvicorn's own handling
        return _stopped()
    finally:
        sock.close()


def _stopped() -> int:
    print("frcli serve: stopped.", file=sys.stderr, flush=True)
    return 0


def _run(sock: socket.socket, host: str, port: int, base: str, reload: bool) -> int:
    import uvicorn

    def make_config(app: str | object, **extra: Any) -> uvicorn.Config:
        return uvicorn.Config(
            app,  # type: ignore[arg-type]  # an ASGI app, or an import string with factory=True
            host=host,
            port=port,
            timeout_graceful_shutdown=GRACEFUL_SECONDS,  # type: ignore[arg-type]  # a float works
            log_level="info",
            **extra,
        )

    if reload:
        from uvicorn.supervisors import ChangeReload

        served = list(catalog.demos())
        print(banner(base, reload=True, served=served, broken={}), flush=True)
        config = make_config(
            APP_FACTORY,
            factory=True,
            reload=True,
            reload_dirs=[str(catalog.demos_dir()), str(PACKAGE_DIR)],
        )
        server = uvicorn.Server(config)
        ChangeReload(config, target=server.run, sockets=[sock]).run()
        return _stopped()

    from ..site.app import create_app

    app = create_app()
    print(banner(base, reload=False, served=list(app.mounted), broken=app.broken), flush=True)
    config = make_config(app)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        # uvicorn stops gracefully on SIGINT, then raises the signal again once it is done.
        return _stopped()
    if not server.started:
        raise FrcliError("the server did not start (see the log above)")
    return _stopped()
