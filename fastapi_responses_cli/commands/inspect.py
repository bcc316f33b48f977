"""`frcli inspect TARGET [METHOD] PATH`: the demo view, pointed at the learner's own app or URL.

TARGET is ``module:app``, ``path/to/file.py[:app]`` (imported and served on a LiveServer, as a
demo is, with the route's source shown when its handler is found) or ``http://127.0.0.1:PORT``
(an app already running; loopback only unless ``allow_remote``). A learner's mistake (a file
that does not import, no ``app``, a failing start-up) is their own traceback, trimmed to their
file, then one line from frcli, exit 1.
"""

from __future__ import annotations

import inspect as pyinspect
import ipaddress
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import FrcliError
from .demo import LiveView, View

if TYPE_CHECKING:
    from ..content import Example
    from ..live_server import ServerLog
    from ..render.exchange import SourceFn
    from ..timeline import Exchange

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


def build_example(
    method: str | None,
    path: str,
    *,
    headers: list[str],
    json_body: str | None,
    data: str | None,
    max_time: float | None,
    location: bool,
) -> Example:
    """The request, as an Example (the recorder's input), from curl-like options."""
    from ..content import Example

    if not path.startswith("/"):
        raise FrcliError(f"the path must start with '/': {path!r}", code=2)
    if json_body is not None and data is not None:
        raise FrcliError("give either --json or -d, not both", code=2)
    hdrs: dict[str, str] = {}
    body: str | None = None
    if json_body is not None:
        try:
            json.loads(json_body)
        except ValueError as exc:
            raise FrcliError(f"--json is not valid JSON: {exc}", code=2) from None
        body = json_body
        hdrs["content-type"] = "application/json"
        hdrs["accept"] = "application/json"
    elif data is not None:
        body = data
        hdrs["content-type"] = "application/x-www-form-urlencoded"
    for h in headers:
        name, colon, value = h.partition(":")
        if not colon or not name.strip():
            raise FrcliError(f"-H wants 'name: value', got {h!r}", code=2)
        hdrs[name.strip()] = value.strip()
    verb = (method or ("POST" if body is not None else "GET")).upper()
    if verb not in METHODS:
        raise FrcliError(f"unknown method {verb!r}; one of {', '.join(METHODS)}", code=2)
    if max_time is not None and max_time <= 0:
        raise FrcliError("--max-time must be more than 0 seconds", code=2)
    # model_construct: the learner's request is not demo content (no notice, any duration).
    return Example.model_construct(
        name="inspect",
        title=f"{verb} {path}",
        method=verb,
        path=path,
        headers=hdrs,
        json_body=None,
        body=body,
        route=["?"],
        notice="",
        legacy=False,
        follow_redirects=location,
        max_seconds=max_time if max_time is not None else 24 * 3600.0,
        max_chunks=None,
        max_bytes=None,
    )


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def check_url(target: str, *, allow_remote: bool) -> str:
    parts = urlsplit(target)
    if parts.scheme != "http":
        raise FrcliError(
            f"only http:// URLs can be inspected (the wire view shows plain HTTP): {target}", code=2
        )
    host = parts.hostname or ""
    if not allow_remote and not _loopback(host):
        raise FrcliError(
            f"{host} is not this machine; frcli inspects loopback addresses only "
            "(add --allow-remote to inspect it anyway)",
            code=2,
        )
    if parts.path not in ("", "/") or parts.query:
        raise FrcliError("give the URL without a path, then the path: URL [METHOD] PATH", code=2)
    return f"http://{parts.netloc}"


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def inspect_target(
    target: str,
    method_or_path: str,
    path: str | None = None,
    *,
    headers: list[str] | None = None,
    json_body: str | None = None,
    data: str | None = None,
    max_time: float | None = None,
    location: bool = False,
    allow_remote: bool = False,
    print_json: bool = False,
    view: View | None = None,
    source: bool = True,
) -> int:
    view = view or View()
    if path is None:
        method, path = None, method_or_path
    else:
        method = method_or_path
    example = build_example(
        method,
        path,
        headers=headers or [],
        json_body=json_body,
        data=data,
        max_time=max_time,
        location=location,
    )
    if is_url(target):
        base = check_url(target, allow_remote=allow_remote)
        return _run(target, base, example, view, print_json=print_json, app=None, source=None)
    return _run_app(target, example, view, print_json=print_json, source=source)


def _run_app(target: str, example: Example, view: View, *, print_json: bool, source: bool) -> int:
    from ..live_server import ServerLog, capture_server_output
    from ..usercode import UserCodeError, load_app_target

    target = _demo_module(target)
    log = ServerLog()
    with capture_server_output(log):
        try:
            app, files = load_app_target(target)
        except UserCodeError as exc:
            _learner_error(exc.message, exc.trace)
            return 1
        return _run(
            target,
            None,
            example,
            view,
            print_json=print_json,
            app=app,
            log=log,
            files=files,
            source=_route_source(app, files) if source else None,
        )


def _demo_module(target: str) -> str:
    """``fastapi_responses_cli.demos.X:app`` names a demo wherever demos live (inside the
    package in a wheel, at the top of a source checkout as ``demos.X``)."""
    prefix = "fastapi_responses_cli.demos."
    if not target.startswith(prefix):
        return target
    from ..catalog import _content_dir

    return _content_dir("demos")[1] + "." + target[len(prefix) :]


def _learner_error(message: str, trace: str) -> None:
    if trace:
        print(trace, file=sys.stderr)
    print(f"frcli: {message}", file=sys.stderr)


def _run(
    target: str,
    base: str | None,
    example: Example,
    view: View,
    *,
    print_json: bool,
    app: Any | None,
    log: ServerLog | None = None,
    files: list[Path] | None = None,
    source: SourceFn | None,
) -> int:
    from ..live_server import LiveServer
    from ..recorder import make_client, run_example

    live = None if print_json else LiveView(view, [example], source, title=target)
    exchanges: list[Exchange] = []

    def send(url: str, server: LiveServer | None) -> None:
        if live is not None:
            from ..versions import versions_inline

            where = f"served by uvicorn at {url}" if server is not None else f"running at {url}"
            live.renderer.header(f"frcli inspect {target}", "", where, versions_inline())
            if log is not None:
                live.renderer.startup_log(log.before(time.perf_counter()))
        keep = print_json
        with make_client() as client:
            events = run_example(
                client,
                url,
                "inspect",
                example,
                log,
                settle=server.wait_idle if server is not None else None,
                keep_body=keep or view.keep_body,
                keep_wire=keep or view.keep_wire,
            )
            for event in events:
                if event.kind == "end":
                    exchanges.append(event.exchange)
                if live is not None:
                    live.on_event(event)

    if app is None:
        assert base is not None
        send(base, None)
    else:
        server = LiveServer(app, log=log)
        try:
            server.start()
        except FrcliError:
            server.stop()
            return _startup_failed(target, log, files or [])
        try:
            send(server.url, server)
        finally:
            server.stop()
    if live is not None:
        live.finish(exchanges)
    if print_json:
        print(json.dumps([ex.to_json() for ex in exchanges], indent=2, ensure_ascii=False))
    # Like curl: an answer, whatever its status, is a success; no answer at all is not.
    return 1 if any(ex.response is None for ex in exchanges) else 0


def _startup_failed(target: str, log: ServerLog | None, files: list[Path]) -> int:
    from ..usercode import trim_traceback_text

    entries = log.entries if log is not None else []
    trace = next((e.message for e in entries if "Traceback" in e.message), "")
    _learner_error(
        f"{target}: the app failed while starting up (its lifespan or startup handler)",
        trim_traceback_text(trace, files) if trace else "",
    )
    return 1


def _route_source(app: Any, files: list[Path]) -> SourceFn:
    """Show the handler a request reaches, from the learner's file, when it can be found."""

    def source(example: Example) -> tuple[str, str] | None:
        from ..routing import route_for

        route = route_for(app, example.method, urlsplit(example.path).path)
        endpoint = getattr(route, "endpoint", None)
        if endpoint is None:
            return None
        try:
            lines, line = pyinspect.getsourcelines(endpoint)
            where = pyinspect.getsourcefile(endpoint) or ""
        except (OSError, TypeError):
            return None
        code = "".join(lines)
        try:
            shown = os.path.relpath(where)
        except ValueError:
            shown = where
        return f"{shown}:{line}", code.rstrip("\n")

    return source
