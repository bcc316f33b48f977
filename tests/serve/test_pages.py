"""The index and the live pages, read as HTML (the browser tests are in test_browser.py)."""

from __future__ import annotations

import asyncio
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from markupsafe import escape

from fastapi_responses_cli.clients import curl_command, httpie_command
from fastapi_responses_cli.site.examples import example_infos, streams
from fastapi_responses_cli.site.pages import probe_event_names
from fastapi_responses_cli.streams import parse_sse


class Page(HTMLParser):
    """Elements by id, links, text of <pre>, and whether any script is present."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: dict[str, dict] = {}
        self.links: list[str] = []
        self.pres: list[str] = []
        self.scripts = 0
        self._pre: list[str] | None = None
        self._stack: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] = {"tag": tag, **attrs}
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "script":
            self.scripts += 1
        if tag == "pre":
            self._pre = []

    def handle_endtag(self, tag):
        if tag == "pre" and self._pre is not None:
            self.pres.append("".join(self._pre))
            self._pre = None

    def handle_data(self, data):
        if self._pre is not None:
            self._pre.append(data)


@pytest.fixture(scope="module")
def index(client):
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    return r.text, Page(r.text)


def test_index_lists_every_demo_and_example(index, combined, served):
    text, page = index
    for name, entry in combined.mounted.items():
        assert page.ids[name]["tag"] == "section"
        assert f'href="#{name}"' in text  # in the table of contents
        assert str(escape(entry.demo.meta.summary)) in text
        for ex in entry.demo.meta.examples:
            assert page.ids[f"{name}--{ex.name}"]["tag"] == "article", (name, ex.name)
            assert str(escape(ex.notice)) in text
            # The same curl command `frcli demo NAME --curl` prints, for this server.
            assert curl_command(f"{served.url}/{name}", ex) in page.pres
            assert httpie_command(f"{served.url}/{name}", ex) in page.pres


def test_index_links_every_get_example_and_only_those(index, combined):
    _, page = index
    linkable: dict[str, bool] = {}
    for name, entry in combined.mounted.items():
        for ex in entry.demo.meta.examples:
            url = f"/{name}{ex.path}"
            get = ex.method == "GET" and ex.json_body is None and ex.body is None
            linkable[url] = linkable.get(url, False) or get
    assert any(linkable.values()) and not all(linkable.values())
    for url, expected in linkable.items():
        assert (url in page.links) == expected, url


def test_index_flags_legacy_demos_and_examples(index, combined):
    text, page = index
    legacy = 0
    for name, entry in combined.mounted.items():
        for ex in entry.demo.meta.examples:
            article = page.ids[f"{name}--{ex.name}"]
            assert ("is-legacy" in article["class"]) == ex.legacy
            legacy += ex.legacy
    assert text.count('class="badge legacy"') >= legacy


def test_index_reads_without_javascript(index):
    _, page = index
    assert page.scripts == 0


def test_index_links_streams_to_their_live_page(index, combined):
    _, page = index
    for kind in ("sse", "jsonl"):
        for info in streams(example_infos(combined.mounted), kind):
            live = [link for link in page.links if link.startswith(f"/live/{kind}?")]
            srcs = [parse_qs(urlsplit(link).query)["src"][0] for link in live]
            assert info.url in srcs


def test_stream_kinds_come_from_the_documented_media_type(combined, client):
    sse = streams(example_infos(combined.mounted), "sse")
    jsonl = streams(example_infos(combined.mounted), "jsonl")
    assert sse and jsonl  # the streaming demo has one of each
    for info, media_type in [(i, "text/event-stream") for i in sse] + [
        (i, "application/jsonl") for i in jsonl
    ]:
        with client.stream("GET", info.url, timeout=5) as r:
            assert r.status_code == 200
            assert r.headers["content-type"].split(";")[0] == media_type, info.url


def test_live_sse_page_defaults_to_a_documented_sse_example(client, combined):
    r = client.get("/live/sse")
    assert r.status_code == 200
    first = streams(example_infos(combined.mounted), "sse")[0]
    assert f'"src": "{first.url}"' in r.text
    assert "new EventSource" in r.text
    assert "<noscript>" in r.text  # says what to do without JavaScript


def test_live_pages_accept_any_path_but_no_other_origin(client):
    for kind in ("sse", "jsonl"):
        assert client.get(f"/live/{kind}", params={"src": "/streaming/events"}).status_code == 200
        for bad in ("http://example.com/x", "//example.com/x", "javascript:alert(1)", "x"):
            r = client.get(f"/live/{kind}", params={"src": bad})
            assert r.status_code == 400, bad


def test_src_is_escaped_in_the_page(client):
    r = client.get("/live/jsonl", params={"src": "/x</script><script>alert(1)//"})
    assert r.status_code == 200
    assert "<script>alert(1)" not in r.text


def test_probe_finds_the_named_events_of_a_stream(combined, client):
    # Whatever the named events of the first SSE example are, the probe finds the same
    # names the wire carries (read here over HTTP with the project's SSE parser).
    for info in streams(example_infos(combined.mounted), "sse")[:3]:
        with client.stream("GET", info.url, timeout=5) as r:
            body = b""
            for chunk in r.iter_raw():
                body += chunk
                if len(body) > 4096:
                    break
        wire = []
        for e in parse_sse(body):
            if e.event and e.event != "message" and e.event not in wire:
                wire.append(e.event)
        probed = asyncio.run(probe_event_names(combined, info.url, seconds=2))
        assert probed[: len(wire)] == wire, info.url


def test_probed_names_are_kept_for_a_bounded_number_of_srcs(combined, client):
    """The probe's cache is keyed by the learner's ?src=: it keeps the most recent few."""
    from fastapi_responses_cli.site.pages import PROBED_KEPT

    kept = combined.site.state.probed_names
    first = streams(example_infos(combined.mounted), "sse")[0].url
    assert client.get("/live/sse", params={"src": first}).status_code == 200
    for i in range(PROBED_KEPT + 5):
        assert client.get("/live/sse", params={"src": f"/no-such-demo/{i}"}).status_code == 200
        assert len(kept) <= PROBED_KEPT
    assert first not in kept  # the oldest went first
    assert f"/no-such-demo/{PROBED_KEPT + 4}" in kept
    client.get("/live/sse", params={"src": first})
    assert list(kept)[-1] == first


def test_events_parameter_overrides_the_probe(client):
    r = client.get("/live/sse", params={"src": "/streaming/events", "events": "a, b,message"})
    assert '"names": ["a", "b"]' in r.text


def test_assets_are_served_and_nothing_else(client):
    assert client.get("/_site/live.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/_site/site.css").headers["content-type"].startswith("text/css")
    assert client.get("/_site/..%2Fapp.py").status_code == 404
    assert client.get("/_site/nope.js").status_code == 404


def test_a_demo_that_does_not_import_is_listed_not_fatal():
    import httpx
    from fastapi import FastAPI

    from fastapi_responses_cli.live_server import LiveServer
    from fastapi_responses_cli.site.app import Mounted, create_app

    from .test_combined import _fake_demo

    alive = FastAPI()

    @alive.get("/big")
    def big() -> dict:
        return {}

    app = create_app(
        {"alive": Mounted(_fake_demo("alive"), alive)},
        {"ghost": "ghost.py: SyntaxError: invalid syntax"},
    )
    with LiveServer(app) as server, httpx.Client(base_url=server.url, trust_env=False) as c:
        page = c.get("/").text
        assert 'id="not-served"' in page
        assert "ghost.py: SyntaxError: invalid syntax" in page
        assert '<li id="ghost">' in page  # where /ghost points
        assert c.get("/alive/big").status_code == 200
        assert c.get("/ghost/anything").status_code == 404
        assert c.get("/ghost").headers["location"] == "/#ghost"
