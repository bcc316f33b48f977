"""The curl and HTTPie commands frcli prints really send the same requests.

Every example's command (as `frcli demo NAME --curl` / `--httpie` and the index page print it)
runs against the `frcli serve` app on a real port; the method of each request it sends and the
status of each response, hop by hop, must be the ones frcli's own engine records for the same
example.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from fastapi_responses_cli import catalog
from fastapi_responses_cli.clients import curl_command, httpie_command

pytestmark = pytest.mark.filterwarnings("ignore:ORJSONResponse is deprecated")

STATUS = re.compile(r"^HTTP/[\d.]+ (\d{3})", re.MULTILINE)
CURL_SENT = re.compile(r"^> ([A-Z]+) \S+ HTTP/", re.MULTILINE)  # curl -v, on stderr
HTTPIE_SENT = re.compile(r"^([A-Z]+) \S+ HTTP/1\.1\r?$", re.MULTILINE)  # HTTPie --print=H

EXAMPLES = [
    pytest.param(demo.name, example, id=f"{demo.name}-{example.name}")
    for demo in catalog.demos().values()
    for example in demo.meta.examples
]


def endless(example) -> bool:
    """A stream the engine cuts itself (max_chunks / max_seconds): it never ends alone."""
    return example.max_chunks is not None or "max_seconds" in example.model_fields_set


Hops = list[tuple[str, int]]  # (method sent, status received), one per hop


def engine_run(served_hops, name, example) -> tuple[Hops, bool]:
    """What frcli's engine records, hop by hop, and whether the body broke off (recorded once
    per example and session, shared with test_combined: see ``served_hops``)."""
    hops = served_hops(name, example)
    broke = any(h.error is not None for h in hops)
    return [(h.request.method, h.response.status) for h in hops if h.response], broke


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize(("name", "example"), EXAMPLES)
def test_curl_command_sends_the_same_requests(served, served_hops, name, example):
    argv = shlex.split(curl_command(f"{served.url}/{name}", example))
    # -s: no progress meter; -v: the request lines, on stderr; --max-time ends the streams
    # that never end by themselves.
    argv[1:1] = ["-s", "-v", "--max-time", "2" if endless(example) else "20"]
    done = subprocess.run(argv, capture_output=True, timeout=30, check=False)
    hops, broke = engine_run(served_hops, name, example)
    # 28: stopped by --max-time; 18: the body ended before its last chunk (a broken stream).
    expected = 28 if endless(example) else 18 if broke else 0
    assert done.returncode == expected, done.stderr
    sent = CURL_SENT.findall(done.stderr.decode("latin-1"))
    got = [int(s) for s in STATUS.findall(done.stdout.decode("latin-1"))]
    assert list(zip(sent, got, strict=True)) == hops


@pytest.fixture(scope="module")
def httpie_config(tmp_path_factory) -> Path:
    """A config dir of HTTPie's own with its update check off. Left on, each in-process run
    forks this worker twice into a detached daemon that asks PyPI for HTTPie's latest version:
    CPU no one waits for (about 24 s a suite run, measured) and a copy of the live server's
    listening socket in each daemon."""
    folder = tmp_path_factory.mktemp("httpie")
    (folder / "config.json").write_text(json.dumps({"disable_update_warnings": True}))
    return folder


@pytest.mark.parametrize(("name", "example"), EXAMPLES)
def test_httpie_command_sends_the_same_requests(
    served, served_hops, httpie_config, monkeypatch, name, example
):
    if endless(example):
        # HTTPie would wait for the end of a stream that has none; curl's test covers it.
        pytest.skip("an endless stream")
    import httpie.ssl_
    from httpie.context import Environment
    from httpie.core import main

    # Every run builds an HTTPS adapter and loads the system's CA store into it (35 of its
    # 50 ms of CPU), though these URLs are all http:// and no certificate is ever checked.
    assert served.url.startswith("http://")
    monkeypatch.setattr(httpie.ssl_, "ensure_default_certs_loaded", lambda context: None)

    argv = shlex.split(httpie_command(f"{served.url}/{name}", example))
    assert argv[0] == "http" and argv[1] == "--print=hb"
    argv[1] = "--print=Hhb"  # also the request heads, to check each hop's method
    with tempfile.TemporaryFile("w+b") as out, tempfile.TemporaryFile("w+") as err:
        env = Environment(
            stdout=out, stderr=err, stdin=None, stdout_isatty=False, config_dir=httpie_config
        )
        # HTTPie in-process (a process each would cost ~0.3 s); --ignore-stdin because the
        # test's stdin is not a terminal, which HTTPie would otherwise read as the body.
        status = main(["http", "--ignore-stdin", *argv[1:]], env=env)
        out.seek(0)
        err.seek(0)
        text, problems = out.read().decode("utf-8", "replace"), err.read()
    hops, broke = engine_run(served_hops, name, example)
    assert (status != 0) == broke, problems  # HTTPie fails on a stream that breaks off
    sent = HTTPIE_SENT.findall(text)
    got = [int(s) for s in STATUS.findall(text)]
    assert list(zip(sent, got, strict=True)) == hops


def test_only_the_endless_streams_are_left_to_curl():
    left = sorted(f"{d}-{e.name}" for d, e in (p.values for p in EXAMPLES) if endless(e))
    assert left == ["sse-pings"]
