"""Judge a learner's file on the wire: run it in a child interpreter, compare every answer with
the spec's expectations, and say what held and what did not in a learner's words.

:func:`check_path` is the API (``frcli exercise check``, watch mode, ``frcli dev check`` and
the tests call it). The judging itself (:func:`judge_request`, :func:`judge_openapi`) is pure:
recorded exchanges in, :class:`Check` results out.
"""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..timeline import Chunk, Event, Exchange, LogEntry, RequestRecord, ResponseHead
from .pool import ChildGone, ChildPool, ChildTimeout, ForkedChild, WarmChild
from .spec import ExerciseSpec, Expect, OpenAPIExpect, Request, load_spec

READY_TIMEOUT = 60.0  # for the child's own imports, which are not the learner's time
SHOWN = 160  # characters of a value shown in "got"


@dataclass
class Check:
    """One expectation's result. ``expected`` and ``got`` are phrases for the learner."""

    name: str  # "<request>: <check key> <value>", stable for scripts and tests
    passed: bool
    expected: str
    got: str
    request: str  # the request's name in the spec, or "openapi"
    say: str | None = None  # the author's words for the failure

    @property
    def headline(self) -> str:
        """The line shown beside ✓ or ✗."""
        if not self.passed and self.say:
            return f"{self.request}: {self.say}"
        return f"{self.request}: {self.expected}"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "passed": self.passed,
            "expected": self.expected,
            "got": self.got,
            "request": self.request,
        }


@dataclass
class Verdict:
    exercise: str
    path: Path
    passed: bool = False
    checks: list[Check] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    error: str | None = None  # the learner's own error, trimmed to their file
    message: str | None = None  # frcli's one line about it
    exchanges_json: list[dict[str, Any]] = field(default_factory=list)
    startup_log: list[LogEntry] = field(default_factory=list)
    url: str | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    def to_json(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "passed": self.passed,
            "checks": [c.to_json() for c in self.checks],
            "exchanges": self.exchanges_json,
            "error": self.error,
            "message": self.message,
        }


# -- running ---------------------------------------------------------------------------------
OnStart = Callable[[str, list[LogEntry]], None]
OnEvent = Callable[[Event], None]


def request_example(req: Request) -> dict[str, Any]:
    """A spec request as the fields of a demo Example (what the recorder sends)."""
    out: dict[str, Any] = {
        "name": req.name,
        "title": f"{req.method} {req.path}",
        "method": req.method,
        "path": req.path,
        "headers": dict(req.headers),
        "route": ["app"],
        "notice": "",
        "follow_redirects": req.follow_redirects,
        "max_seconds": req.max_seconds,
    }
    if req.json_body is not None:
        out["json"] = req.json_body
    if req.body is not None:
        out["body"] = req.body
    return out


def check_job(
    name: str, path: Path, spec: ExerciseSpec, timeout: float | None = None
) -> dict[str, Any]:
    """What a child is sent to check ``path`` against exercise ``name``: the file, the time
    limit (the spec's unless ``timeout`` is given) and the spec's requests as Examples. The
    one builder: :func:`check_path` sends it whole; a child given only the exercise and the
    file (``frcli exercise check``'s early start) builds the rest with it."""
    return {
        "exercise": name,
        "path": str(path),
        "timeout": spec.timeout if timeout is None else timeout,
        "openapi": bool(spec.openapi),
        "requests": [request_example(r) for r in spec.request],
    }


def check_path(
    name: str,
    path: Path,
    *,
    timeout: float | None = None,
    pool: ChildPool | None = None,
    child: WarmChild | ForkedChild | None = None,
    spec: ExerciseSpec | None = None,
    on_start: OnStart | None = None,
    on_event: OnEvent | None = None,
) -> Verdict:
    """Run ``path``'s ``app`` in a fresh interpreter and judge it against exercise ``name``.

    ``timeout`` overrides the spec's (start-up plus every request). ``on_start`` and
    ``on_event`` see the run live (the renderer). A child is taken from ``pool`` or given as
    ``child``, else one is started here. Never raises for the learner's mistakes: they are in
    ``Verdict.error`` and ``Verdict.message``.
    """
    spec = spec or load_spec(name)
    path = Path(path).resolve()
    started = time.perf_counter()
    verdict = Verdict(exercise=name, path=path)
    if not path.is_file():
        verdict.message = f"{path} does not exist"
        return verdict
    if child is None:
        child = pool.take() if pool is not None else WarmChild()
    job = check_job(name, path, spec, timeout)
    limit: float = job["timeout"]
    run = _Run(verdict, path, on_start, on_event)
    try:
        child.wait_ready(time.perf_counter() + READY_TIMEOUT)
        deadline = time.perf_counter() + limit
        for message in child.run(job, deadline):
            if run.feed(message):
                break
    except ChildTimeout:
        run.timed_out(child, limit)
    except ChildGone:
        run.gone(child)
    finally:
        child.finish(timeout=0.5)
    if verdict.error is None and verdict.message is None:
        hops: dict[str, list[Exchange]] = {}
        for ex in verdict.exchanges:
            hops.setdefault(ex.example, []).append(ex)
        for req in spec.request:
            verdict.checks += judge_request(req, hops.get(req.name, []))
        for expect in spec.openapi:
            verdict.checks.append(judge_openapi(expect, run.openapi))
        verdict.passed = all(c.passed for c in verdict.checks) and bool(verdict.checks)
    verdict.seconds = time.perf_counter() - started
    return verdict


def _b(text: str) -> bytes:
    return base64.b64decode(text)


def _entries(raw: list[list[Any]]) -> list[LogEntry]:
    return [LogEntry(t, level, source, message) for t, level, source, message in raw]


class _Run:
    """Turns the child's messages back into timeline objects, live."""

    def __init__(
        self, verdict: Verdict, path: Path, on_start: OnStart | None, on_event: OnEvent | None
    ) -> None:
        self.v = verdict
        self.path = path
        self.on_start = on_start
        self.on_event = on_event
        self.current: Exchange | None = None
        self.openapi: dict[str, Any] | None = None
        self.done = False

    def _emit(self, event: Event) -> None:
        if self.on_event is not None:
            self.on_event(event)

    def feed(self, m: dict[str, Any]) -> bool:
        """Take one message; True when the child says it is done."""
        ev = m.get("ev")
        if ev == "started":
            self.v.url = m["url"]
            self.v.startup_log = _entries(m["startup_log"])
            if self.on_start is not None:
                self.on_start(m["url"], self.v.startup_log)
        elif ev == "error":
            self.v.message = m["message"]
            self.v.error = m.get("trace") or m["message"]
        elif ev == "crash":
            self.v.message = f"frcli could not run the check ({m['message']})"
        elif ev == "request":
            ex = Exchange(
                demo=self.v.exercise,
                example=m["example"],
                hop=m["hop"],
                request=RequestRecord(
                    method=m["method"],
                    url=m["url"],
                    headers=[(k, v) for k, v in m["headers"]],
                    body=_b(m["body"]),
                ),
            )
            self.current = ex
            self._emit(Event("request", ex))
        elif ev == "head" and self.current is not None:
            ex = self.current
            ex.t0, ex.t_head = m["t0"], m["t_head"]
            ex.response = ResponseHead(
                status=m["status"],
                reason=m["reason"],
                http_version=m["http_version"],
                headers=[(k, v) for k, v in m["headers"]],
            )
            self._emit(Event("head", ex))
        elif ev == "chunk" and self.current is not None:
            chunk = Chunk(t=m["t"], size=m["size"], data=_b(m["data"]))
            self.current.add_chunk(chunk)
            self._emit(Event("chunk", self.current, chunk))
        elif ev == "end" and self.current is not None:
            ex, self.current = self.current, None
            ex.t0, ex.t_end = m["t0"], m["t_end"]
            ex.error, ex.stopped, ex.last = m["error"], m["stopped"], m["last"]
            for t, size, data in m["tail"]:  # chunks not sent as chunk messages
                ex.add_chunk(Chunk(t=t, size=size, data=_b(data)))
            ex.started_at = m["started_at"]
            for key, value in m["timings"].items():
                if hasattr(ex.timings, key):
                    setattr(ex.timings, key, value)
            ex.server_log = _entries(m["server_log"])
            self.v.exchanges.append(ex)
            self.v.exchanges_json.append({**m["json"], "chunks": [c.to_json() for c in ex.chunks]})
            self._emit(Event("end", ex))
        elif ev == "openapi":
            self.openapi = m
        elif ev == "done":
            self.done = True
            return True
        return False

    def _in_flight(self) -> str:
        ex = self.current
        if ex is None:
            return ""
        path = "/" + ex.request.url.split("://", 1)[-1].split("/", 1)[-1]
        return f"{ex.request.method} {path}"

    def timed_out(self, child: WarmChild | ForkedChild, limit: float) -> None:
        from ..usercode import frames_in

        dump = child.where()
        child.kill()  # hung: no point waiting for it to exit by itself
        frames = frames_in(dump, [self.path])
        name = self.path.name
        request = self._in_flight()
        if self.v.url is None:
            self.v.message = f"{name} did not import and start up within {limit:g} s"
        elif request:
            self.v.message = f"{name} did not answer {request} within {limit:g} s"
        else:
            self.v.message = f"{name} did not finish within {limit:g} s"
        self.v.error = _where_text(frames) or self.v.message

    def gone(self, child: WarmChild | ForkedChild) -> None:
        if self.done:
            return
        code = child.finish(timeout=1.0)
        request = self._in_flight()
        during = f" during {request}" if request else ""
        self.v.message = f"the process running {self.path.name} ended{during} (exit code {code})"
        tail = [ln for ln in child.stderr.splitlines() if ln.strip()][-12:]
        self.v.error = "\n".join(tail) or self.v.message


def _where_text(frames: list[tuple[str, int, str]]) -> str:
    """A hung app's position, as a traceback of the learner's frames (outermost first)."""
    import linecache

    if not frames:
        return ""
    lines = ["Where your code was when frcli stopped it (most recent call last):"]
    seen: set[tuple[str, int]] = set()
    for filename, lineno, func in reversed(frames):
        if (filename, lineno) in seen:
            continue
        seen.add((filename, lineno))
        lines.append(f'  File "{filename}", line {lineno}, in {func}')
        linecache.checkcache(filename)
        source = linecache.getline(filename, lineno).strip()
        if source:
            lines.append(f"    {source}")
    return "\n".join(lines)


# -- judging ----------------------------------------------------------------------------------
def _short(text: str, limit: int = SHOWN) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _compact(value: object) -> str:
    return _short(json.dumps(value, ensure_ascii=False))


def _body_text(ex: Exchange) -> str:
    return ex.body.decode("utf-8", errors="replace")


def _json_of(ex: Exchange) -> tuple[bool, Any]:
    try:
        return True, json.loads(ex.body)
    except ValueError:
        return False, None


def _not_json(ex: Exchange) -> str:
    if not ex.body:
        return "an empty body"
    return f"a body that is not JSON: {_short(repr(_body_text(ex)))}"


def _find_key(value: Any, key: str, where: str = "") -> tuple[str, Any] | None:
    if isinstance(value, dict):
        if key in value:
            return (f"{where}.{key}" if where else key), value[key]
        for k, v in value.items():
            found = _find_key(v, key, f"{where}.{k}" if where else str(k))
            if found:
                return found
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found = _find_key(v, key, f"{where}[{i}]")
            if found:
                return found
    return None


def _contains(actual: Any, expected: Any) -> bool:
    """json_contains: each key of an expected object is in the actual one, its value contained
    in turn; an object expected where the body holds a list is contained by some item of it.
    Anything else (a list or a scalar expected) is compared exactly, as json_equals does."""
    if isinstance(expected, dict):
        if isinstance(actual, list):
            return any(_contains(item, expected) for item in actual if isinstance(item, dict))
        return isinstance(actual, dict) and all(
            k in actual and _contains(actual[k], v) for k, v in expected.items()
        )
    return bool(actual == expected) and _same_types(actual, expected)


def _contains_got(body: Any, want: Any, ok: bool) -> str:
    """What json_contains saw: for a list body, which item holds the object, or that none does."""
    if isinstance(body, list) and isinstance(want, dict):
        n = len(body)
        if ok:
            i = next(
                i for i, item in enumerate(body) if isinstance(item, dict) and _contains(item, want)
            )
            return _short(f"item [{i}] of {n}: {_compact(body[i])}")
        return _short(f"{n} item{'s' * (n != 1)}, none containing it: {_compact(body)}")
    return _compact(body)


def _line_of(text: str, at: int) -> str:
    """The line of ``text`` that holds position ``at`` (a log message may be a traceback)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start:] if end == -1 else text[start:end]


JSON_TEXT = ("json_equals", "json_contains", "sse_events", "jsonl_objects")


def _label(kind: str, value: Any) -> str:
    """The check's key and its value where that is short: "status 201", "sse_events"."""
    if kind in JSON_TEXT:
        return kind
    if isinstance(value, str | int | float):
        return f"{kind} {_short(str(value), 60)}"
    if hasattr(value, "name"):
        return f"{kind} {value.name}"
    return kind


def _sse_events(body: bytes) -> list[dict[str, Any]]:
    from ..streams import parse_sse

    out = []
    for e in parse_sse(body):
        if e.is_comment_only:
            continue
        item: dict[str, Any] = {}
        if e.event is not None:
            item["event"] = e.event
        if e.id is not None:
            item["id"] = e.id
        if e.data is not None:
            item["data"] = e.data
        out.append(item)
    return out


def _sse_matches(actual: dict[str, Any], expected: dict[str, Any]) -> bool:
    for key, want in expected.items():
        if key not in actual:
            return False
        got = actual[key]
        if key == "data" and not isinstance(want, str):
            try:
                got = json.loads(got)
            except ValueError:
                return False
            if got != want or type(got) is not type(want):
                return False
        elif str(got) != str(want):
            return False
    return True


def _describe_sse(events: list[dict[str, Any]]) -> str:
    if not events:
        return "no events"
    shown = "; ".join(" ".join(f"{k}: {v}" for k, v in e.items()) for e in events[:5]) + (
        f"; … {len(events) - 5} more" if len(events) > 5 else ""
    )
    return _short(f"{len(events)} event{'s' * (len(events) != 1)}: {shown}")


def judge_request(req: Request, hops: list[Exchange]) -> list[Check]:
    """Every expectation of one request, judged on its last hop (after redirects followed)."""
    return [_judge(req, e, hops) for e in req.expect]


def _judge(req: Request, e: Expect, hops: list[Exchange]) -> Check:
    kind, value = e.kind, e.value
    expected, got, ok = _evaluate(kind, value, hops, req)
    return Check(
        name=f"{req.name}: {_label(kind, value)}",
        passed=ok,
        expected=expected,
        got=got,
        request=req.name,
        say=e.say,
    )


def _evaluate(kind: str, value: Any, hops: list[Exchange], req: Request) -> tuple[str, str, bool]:
    expected = _expected(kind, value)
    if not hops:
        return expected, f"{req.method} {req.path} was not sent", False
    ex = hops[-1]
    head = ex.response
    if head is None:
        return expected, f"no answer ({ex.error or 'the connection closed'})", False
    if kind == "status":
        return expected, f"status {head.status} {head.reason}".rstrip(), head.status == value
    if kind in ("header_present", "header_absent"):
        actual = head.header(value)
        shown = f"{value.lower()}: {_short(actual)}" if actual is not None else f"no {value} header"
        return expected, shown, (actual is not None) == (kind == "header_present")
    if kind in ("header_equals", "header_matches"):
        actual = head.header(value.name)
        if actual is None:
            return expected, f"no {value.name} header", False
        shown = f"{value.name.lower()}: {_short(actual)}"
        if kind == "header_equals":
            return expected, shown, actual == value.value
        return expected, shown, re.search(value.pattern, actual) is not None
    if kind == "media_type":
        ctype = head.header("content-type")
        shown = f"content-type: {ctype}" if ctype else "no content-type header"
        return expected, shown, head.media_type == value.strip().lower()
    if kind in ("json_equals", "json_contains", "json_has_key", "json_lacks_key"):
        return _judge_json(kind, value, ex, expected)
    if kind == "text_equals":
        text = _body_text(ex)
        return expected, _short(repr(text)) if text else "an empty body", text == value
    if kind == "text_matches":
        text = _body_text(ex)
        return (
            expected,
            _short(repr(text)) if text else "an empty body",
            bool(re.search(value, text)),
        )
    if kind == "chunks_at_least":
        n = len([c for c in ex.chunks if c.data or c.size])
        shown = f"{n} chunk{'s' * (n != 1)}" + (", the whole body at once" if n == 1 else "")
        return expected, shown, n >= value
    if kind == "spread_at_least":
        times = [c.t for c in ex.chunks if c.data or c.size]
        spread = (times[-1] - times[0]) if len(times) > 1 else 0.0
        n = len(times)
        shown = (
            f"{n} chunks within {spread:.3f} s"
            if n > 1
            else ("one chunk: nothing was spread" if n == 1 else "no body")
        )
        return expected, shown, spread >= value
    if kind == "sse_events":
        want = json.loads(value)
        events = _sse_events(ex.body)
        ok = len(events) >= len(want) and all(
            _sse_matches(a, w) for a, w in zip(events, want, strict=False)
        )
        media = head.media_type
        got = _describe_sse(events)
        if media != "text/event-stream":
            got += f" (content-type is {media or 'missing'})"
        return expected, got, ok
    if kind == "jsonl_objects":
        from ..streams import parse_jsonl

        want = json.loads(value)
        values = parse_jsonl(ex.body) if ex.body else []
        ok = len(values) >= len(want) and all(a == w for a, w in zip(values, want, strict=False))
        return expected, _short(f"{len(values)} lines: " + _compact(values[:5])), ok
    if kind == "log_lacks":
        entries = [entry for hop in hops for entry in hop.server_log]
        for entry in entries:
            found = re.search(value, entry.message)
            if found:
                line = _line_of(entry.message, found.start())
                return expected, _short(f"logged ({entry.source}): {line}"), False
        if not entries:
            return expected, "the server logged nothing for this request", True
        n = len(entries)
        return expected, f"{n} line{'s' * (n != 1)} logged, none matching", True
    if kind in ("log_matches", "log_after_response"):
        entries = [entry for hop in hops for entry in hop.server_log]
        hits = [entry for entry in entries if re.search(value, entry.message)]
        if not hits:
            if not entries:
                return expected, "the server logged nothing for this request", False
            lines = "; ".join(_short(x.message.splitlines()[0], 60) for x in entries[-3:])
            return expected, _short(f"other lines: {lines}"), False
        if kind == "log_matches":
            return expected, _short(f"logged: {hits[0].message.splitlines()[0]}"), True
        body_end = ex.t0 + (ex.t_end or 0.0)
        after = [entry for entry in hits if entry.t >= body_end]
        if after:
            late = (after[0].t - body_end) * 1000
            return expected, f"logged {late:.1f} ms after the body ended", True
        early = (body_end - hits[0].t) * 1000
        return expected, f"logged {early:.1f} ms before the body ended (inside the handler)", False
    raise ValueError(f"unknown check {kind}")  # the spec model forbids this


def _judge_json(kind: str, value: Any, ex: Exchange, expected: str) -> tuple[str, str, bool]:
    ok, body = _json_of(ex)
    if not ok:
        return expected, _not_json(ex), False
    if kind == "json_equals":
        want = json.loads(value)
        return expected, _compact(body), body == want and _same_types(body, want)
    if kind == "json_contains":
        want = json.loads(value)
        passed = _contains(body, want)
        return expected, _contains_got(body, want, passed), passed
    found = _find_key(body, value)
    if kind == "json_has_key":
        if found is None:
            return expected, f"no key {value} in {_compact(body)}", False
        return expected, f"{found[0]}: {_compact(found[1])}", True
    if found is not None:
        return expected, f"{found[0]} is in the body: {_compact(found[1])}", False
    return expected, f"no {value} in {_compact(body)}", True


def _same_types(a: Any, b: Any) -> bool:
    """json_equals is exact: 1 is not 1.0 or true."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_types(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_types(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b)


def _expected(kind: str, value: Any) -> str:
    if kind == "status":
        return f"status {value}"
    if kind == "header_present":
        return f"a {value.lower()} header"
    if kind == "header_absent":
        return f"no {value.lower()} header"
    if kind == "header_equals":
        return f"{value.name.lower()}: {value.value}"
    if kind == "header_matches":
        return f"{value.name.lower()} matching {value.pattern!r}"
    if kind == "media_type":
        return f"content-type {value}"
    if kind == "json_equals":
        return f"the JSON body {_compact(json.loads(value))}"
    if kind == "json_contains":
        return f"a JSON body containing {_compact(json.loads(value))}"
    if kind == "json_has_key":
        return f"a key {value} in the JSON body"
    if kind == "json_lacks_key":
        return f"no key {value} anywhere in the JSON body"
    if kind == "text_equals":
        return f"the body {_short(repr(value))}"
    if kind == "text_matches":
        return f"a body matching {value!r}"
    if kind == "chunks_at_least":
        return f"the body in at least {value} chunks (streamed)"
    if kind == "spread_at_least":
        return f"chunks arriving over at least {value:g} s"
    if kind == "sse_events":
        want = json.loads(value)
        return _short(
            f"Server-Sent Events starting with {len(want)}: "
            + "; ".join(" ".join(f"{k}: {_compact(v)}" for k, v in w.items()) for w in want)
        )
    if kind == "jsonl_objects":
        return f"JSON Lines starting with {_compact(json.loads(value))}"
    if kind == "log_matches":
        return f"a server log line matching {value!r}"
    if kind == "log_after_response":
        return f"a server log line matching {value!r}, logged after the response was sent"
    if kind == "log_lacks":
        return f"no server log line matching {value!r}"
    return kind


# -- /openapi.json ------------------------------------------------------------------------------
def _resolve(doc: dict[str, Any], schema: Any, depth: int = 0) -> dict[str, Any]:
    if not isinstance(schema, dict) or depth > 20:
        return {}
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        node: Any = doc
        for part in ref[2:].split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        return _resolve(doc, node, depth + 1)
    return schema


def _properties(doc: dict[str, Any], schema: Any, depth: int = 0) -> set[str]:
    schema = _resolve(doc, schema)
    if depth > 20 or not schema:
        return set()
    props = set(schema.get("properties", {}) or {})
    if schema.get("type") == "array" and schema.get("items"):
        props |= _properties(doc, schema["items"], depth + 1)  # a list: its items' fields
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []) or []:
            props |= _properties(doc, sub, depth + 1)
    return props


def judge_openapi(expect: OpenAPIExpect, result: dict[str, Any] | None) -> Check:
    op = f"{expect.method.upper()} {expect.path}"
    parts = [f"/openapi.json documents {expect.status} for {op}"]
    if expect.properties:
        parts.append(f"with {', '.join(expect.properties)}")
    if expect.absent:
        parts.append(f"without {', '.join(expect.absent)}")
    expected = " ".join(parts)
    check = Check(
        name=f"openapi: {op} {expect.status}",
        passed=False,
        expected=expected,
        got="",
        request="openapi",
        say=expect.say,
    )
    if result is None or result.get("doc") is None:
        status = result.get("status") if result else None
        check.got = (
            f"/openapi.json answered {status}" if status else "/openapi.json could not be read"
        )
        return check
    doc: dict[str, Any] = result["doc"]
    operation = (doc.get("paths", {}) or {}).get(expect.path, {}).get(expect.method)
    if not isinstance(operation, dict):
        documented = sorted((doc.get("paths", {}) or {}).keys())
        check.got = f"no {op} in /openapi.json (paths: {', '.join(documented) or 'none'})"
        return check
    responses = operation.get("responses", {}) or {}
    answer = responses.get(str(expect.status))
    if not isinstance(answer, dict):
        check.got = f"it documents {', '.join(sorted(responses)) or 'no answers'} for {op}"
        return check
    content = (answer.get("content") or {}).get(expect.media_type)
    if expect.properties or expect.absent:
        if not isinstance(content, dict):
            kinds = ", ".join(sorted(answer.get("content") or {})) or "no body"
            check.got = f"the documented {expect.status} answer has {kinds}"
            return check
        props = _properties(doc, content.get("schema"))
        missing = [p for p in expect.properties if p not in props]
        extra = [p for p in expect.absent if p in props]
        shown = ", ".join(sorted(props)) or "no properties"
        check.got = f"the documented {expect.status} schema has {shown}"
        check.passed = not missing and not extra
        return check
    check.got = f"{expect.status} is documented for {op}"
    check.passed = True
    return check
