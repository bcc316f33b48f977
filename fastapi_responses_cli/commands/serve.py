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
import re
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import uvicorn  # serve's own module: `frcli --help` never imports it

from .. import catalog
from ..clients import SERVE_HOST, SERVE_PORT
from ..errors import FrcliError, shown
from ..site.lifecycle import EndStreamsOnStop, FirstRequestTimeout, Stopping

if TYPE_CHECKING:
    from types import FrameType

APP_FACTORY = "fastapi_responses_cli.commands.serve:create_guarded_app"
HOST_ENV = "FRCLI_SERVE_HOST"  # --host, for the app factory in --reload's child process
STOPPING = Stopping()  # set on Ctrl-C; one per process (the --reload child has its own)
PACKAGE_DIR = Path(__file__).resolve().parent.parent
# With streams open (a browser's EventSource), Ctrl-C waits at most this long for them.
GRACEFUL_SECONDS = 2.0
TRY_EXAMPLES = 3


@dataclass(frozen=True)
class BindHost:
    """``--host`` parsed once: what to bind, whether it is loopback, what a browser opens."""

    given: str
    address: str  # the literal address the socket binds ("127.0.0.1", "::1", "0.0.0.0")
    loopback: bool
    wildcard: bool  # every interface: 0.0.0.0 or ::
    names: frozenset[str]  # Host names accepted besides the loopback ones

    @property
    def url_host(self) -> str:
        """The host for printed URLs: a wildcard bind is opened locally on loopback."""
        if self.wildcard:
            return "[::1]" if ":" in self.address else "127.0.0.1"
        if self.given.strip("[]").lower() == "localhost":
            return "localhost"
        return f"[{self.address}]" if ":" in self.address else self.address

    def host_names(self) -> frozenset[str] | None:
        """The Host check's names, or None (any) for an explicit wildcard bind."""
        from ..site.hostcheck import LOOPBACK_NAMES

        return None if self.wildcard else LOOPBACK_NAMES | self.names


_SHORT_IPV4 = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$", re.I)


def _literal(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An IP address literal, including the short IPv4 forms the socket API accepts
    (``127.1``, ``0``), read as the socket would bind them; None for a name."""
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if _SHORT_IPV4.match(text):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(text))
        except OSError:
            return None
    return None


def parse_host(host: str) -> BindHost:
    """Read ``--host`` once: an IPv4 or IPv6 address (``[::1]`` too), ``localhost``, or a name
    resolved here. Empty or unresolvable: a one-line error, exit 2."""
    raw = host.strip()
    inner = raw[1:-1] if raw.startswith("[") and raw.endswith("]") else raw
    if not inner:
        raise FrcliError(
            f"--host is empty ({shown(host)}): give an address, e.g. 127.0.0.1 (the default) or "
            "0.0.0.0 for every interface",
            code=2,
        )
    addr = _literal(inner)
    if inner != raw and not isinstance(addr, ipaddress.IPv6Address):
        raise FrcliError(f"--host {shown(host)}: brackets are for IPv6 addresses", code=2)
    names = {inner.lower()}
    if addr is None and inner.lower() == "localhost":
        addr = ipaddress.IPv4Address("127.0.0.1")
    elif addr is None:
        try:
            info = socket.getaddrinfo(inner, None, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise FrcliError(
                f"--host {shown(host)}: cannot resolve it ({reason})", code=2
            ) from None
        addr = ipaddress.ip_address(info[0][4][0])
    names.add(str(addr))
    return BindHost(
        given=raw,
        address=str(addr),
        loopback=addr.is_loopback,
        wildcard=addr.is_unspecified,
        names=frozenset(names),
    )


def is_loopback(host: str) -> bool:
    """Without resolving names: ``localhost`` or a loopback address literal."""
    inner = host.strip().strip("[]")
    if inner.lower() == "localhost":
        return True
    addr = _literal(inner)
    return addr is not None and addr.is_loopback


def url_host(host: str) -> str:
    """The host to put in URLs printed for the learner: a wildcard bind is reachable locally."""
    inner = host.strip().strip("[]")
    addr = _literal(inner) if inner else ipaddress.IPv4Address("0.0.0.0")
    if addr is None:
        return inner
    if addr.is_unspecified:
        return "[::1]" if addr.version == 6 else "127.0.0.1"
    return f"[{addr}]" if addr.version == 6 else str(addr)


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


def network_warning(host: str, bound: BindHost | None = None) -> str:
    """The one warning line for a bind that is not loopback."""
    bound = bound or parse_host(host)
    where = (
        f"listens on all interfaces ({bound.address})"
        if bound.wildcard
        else f"is not a loopback address ({bound.address})"
        if bound.address != bound.given.strip("[]")
        else "is not a loopback address"
    )
    return (
        f"warning: --host {bound.given} {where}: every demo becomes reachable from the network, "
        "by anyone who can reach this machine. Leave --host out to stay on 127.0.0.1."
    )


def serve(host: str = SERVE_HOST, port: int = SERVE_PORT, reload: bool = False) -> int:
    """Serve until Ctrl-C; 0 after a clean stop."""
    bound = parse_host(host)
    catalog.demos()  # a broken META is reported before anything listens
    sock = open_socket(bound.address, port)
    try:
        port = sock.getsockname()[1]
        if not bound.loopback:
            print(network_warning(host, bound), file=sys.stderr, flush=True)
        base = f"http://{bound.url_host}:{port}"
        return _run(sock, bound, port, base, reload)
    except KeyboardInterrupt:  # Ctrl-C before or after uvicorn's own handling
        return _stopped()
    finally:
        sock.close()


def _stopped() -> int:
    print("frcli serve: stopped.", file=sys.stderr, flush=True)
    return 0


def guarded_app(app: Any, bound: BindHost) -> Any:
    """The combined app behind the Host check, with streams that end when the server stops."""
    from ..site.hostcheck import HostCheck

    return HostCheck(EndStreamsOnStop(app, STOPPING), bound.host_names())


def create_guarded_app() -> Any:
    """The factory ``--reload``'s child process imports: the same wrappers, from the env."""
    from ..site.app import create_app

    return guarded_app(create_app(), parse_host(os.environ.get(HOST_ENV, SERVE_HOST)))


class StoppingServer(uvicorn.Server):
    """uvicorn's server, telling open streams to end as soon as it is asked to stop."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        STOPPING.set()
        super().handle_exit(sig, frame)


def _run(sock: socket.socket, bound: BindHost, port: int, base: str, reload: bool) -> int:
    def make_config(app: str | object, **extra: Any) -> uvicorn.Config:
        return uvicorn.Config(
            app,  # type: ignore[arg-type]  # an ASGI app, or an import string with factory=True
            host=bound.address,
            port=port,
            http=FirstRequestTimeout,
            timeout_graceful_shutdown=GRACEFUL_SECONDS,  # type: ignore[arg-type]  # a float works
            log_level="info",
            **extra,
        )

    if reload:
        from uvicorn.supervisors import ChangeReload

        served = list(catalog.demos())
        print(banner(base, reload=True, served=served, broken={}), flush=True)
        os.environ[HOST_ENV] = bound.given
        config = make_config(
            APP_FACTORY,
            factory=True,
            reload=True,
            reload_dirs=[str(catalog.demos_dir()), str(PACKAGE_DIR)],
        )
        server = StoppingServer(config)
        ChangeReload(config, target=server.run, sockets=[sock]).run()
        return _stopped()

    from ..site.app import create_app

    app = create_app()
    print(banner(base, reload=False, served=list(app.mounted), broken=app.broken), flush=True)
    config = make_config(guarded_app(app, bound))
    server = StoppingServer(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        # uvicorn stops gracefully on SIGINT, then raises the signal again once it is done.
        return _stopped()
    if not server.started:
        raise FrcliError("the server did not start (see the log above)")
    return _stopped()
