"""Paced demos: one example at a time in a terminal; all at once with --all or when piped.

Driven two ways: prompt_toolkit pipe input in-process (the keys are sent up front; unread
type-ahead stays for the next prompt), and frcli in a real pseudo-terminal at 80x30.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from fastapi_responses_cli import catalog
from fastapi_responses_cli.commands.demo import show_demo
from fastapi_responses_cli.pacing import Pacer, prompt_line

from .terminal import ENTER, Terminal

DOWN = "\x1b[B"
DEMO = "response-models"


def examples(n: int = 4):
    return catalog.get_demo(DEMO).meta.examples[:n]


def scripted(actions: list[str]):
    asked: list[str] = []

    def ask(text: str):
        asked.append(text)
        return actions.pop(0)

    return ask, asked


# -- the pacing logic alone -----------------------------------------------------------------
def test_rerun_then_next_then_quit():
    exs = examples(4)
    ask, asked = scripted(["rerun", "next", "quit"])
    pacer = Pacer(exs, ask)
    assert list(pacer) == [exs[0].name, exs[0].name, exs[1].name]
    assert pacer.stopped and pacer.distinct == 2
    assert len(asked) == 3 and asked[0].startswith(f"Enter: 2/4 {exs[1].name}")


def test_no_question_after_the_last_example():
    exs = examples(3)
    ask, asked = scripted(["next", "next"])
    pacer = Pacer(exs, ask)
    assert list(pacer) == [e.name for e in exs]
    assert len(asked) == 2 and not pacer.stopped


def test_all_the_rest_stops_asking():
    exs = examples(4)
    ask, asked = scripted(["all"])
    assert list(Pacer(exs, ask)) == [e.name for e in exs]
    assert len(asked) == 1


def test_prompt_fits_the_width_and_keeps_the_keys():
    exs = examples(2)
    long = exs[1].model_copy(update={"name": "x" * 120})
    for width in (40, 80, 200):
        line = prompt_line(exs[0], long, 2, 12, width)
        assert len(line) <= width - 1
    line = prompt_line(exs[0], long, 2, 12, 80)
    assert line.startswith("Enter: 2/12 x") and line.endswith("q quit") and "…" in line


# -- in-process, keys through prompt_toolkit's pipe input -----------------------------------
def drive(keys: str, name: str | None = DEMO, **options) -> int:
    with create_pipe_input() as inp:
        inp.send_text(keys)
        inp.close()  # keys run out: the next prompt ends (EOF), the test does not hang
        return show_demo(name, picker_input=inp, picker_output=DummyOutput(), **options)


def headers(out: str) -> list[str]:
    """The example rules, in order: '1/12 filter', ..."""
    return re.findall(r"^─* ?(\d+/\d+ [a-z0-9-]+):", out, re.M)


def test_keys_rerun_next_quit_on_one_server(capsys):
    total = len(catalog.get_demo(DEMO).meta.examples)
    names = [e.name for e in catalog.get_demo(DEMO).meta.examples]
    assert drive("r" + ENTER + "q") == 0
    out = capsys.readouterr().out
    assert headers(out) == [
        f"1/{total} {names[0]}",
        f"1/{total} {names[0]}",
        f"2/{total} {names[1]}",
    ]
    assert out.count("What to notice:") == 3
    assert f"Stopped after 2 of {total} examples. All at once: frcli demo {DEMO} --all" in out
    # One server for the whole run: one banner, and every request went to the same port.
    assert out.count("served by uvicorn at") == 1
    assert len(set(re.findall(r"> Host: (127\.0\.0\.1:\d+)", out))) == 1


def test_all_at_once_asks_nothing(capsys):
    total = len(catalog.get_demo(DEMO).meta.examples)
    assert drive("q", all_at_once=True) == 0  # a paced run would stop at the q
    out = capsys.readouterr().out
    assert len(headers(out)) == total and "Stopped after" not in out


def test_one_example_is_not_paced(capsys):
    assert drive("q", example="list") == 0
    assert headers(capsys.readouterr().out) == ["1/1 list"]


def test_picker_then_one_example(capsys):
    first = next(iter(catalog.demos().values()))
    second_example = first.meta.examples[1]
    # Demo picker: Enter on the first demo; example picker: "All" is first, then each one.
    assert drive(ENTER + DOWN + DOWN + ENTER + "q", name=None) == 0
    assert headers(capsys.readouterr().out) == [f"1/1 {second_example.name}"]


def test_picker_then_all_paced(capsys):
    first = next(iter(catalog.demos().values()))
    names = [e.name for e in first.meta.examples]
    assert drive(ENTER + ENTER + ENTER + "q", name=None) == 0
    out = capsys.readouterr().out
    assert [h.split(" ")[1] for h in headers(out)] == names[:2]
    assert "Stopped after 2 of" in out


# -- a real terminal ------------------------------------------------------------------------
@pytest.fixture
def term_factory():
    terms: list[Terminal] = []

    def make(*args: str) -> Terminal:
        terms.append(Terminal(*args, env={"NO_COLOR": "1"}, cols=80, rows=30))
        return terms[-1]

    yield make
    for t in terms:
        t.kill()


def test_terminal_waits_after_each_example(term_factory):
    meta = catalog.get_demo(DEMO).meta
    total, names = len(meta.examples), [e.name for e in meta.examples]
    term = term_factory("demo", DEMO)
    seen = term.wait_for(rf"Enter: 2/{total} {names[1]}")
    assert seen.count("What to notice:") == 1  # the first example, and then it waits
    assert term.quiet_for(0.5).strip() == ""  # nothing more until a key
    mark = len(term.text)
    term.send(ENTER)
    seen = term.wait_for(rf"Enter: 3/{total} {names[2]}", after=mark)
    assert f"2/{total} {names[1]}:" in seen and f"3/{total} {names[2]}:" not in seen
    mark = len(term.text)
    term.send("r")
    seen = term.wait_for(rf"Enter: 3/{total}", after=mark)
    assert f"2/{total} {names[1]}:" in seen  # the same example again, same number
    term.send("q")
    assert term.finish() == 0
    assert f"Stopped after 2 of {total} examples" in term.text
    assert "Traceback" not in term.text
    # Each key prompt was erased once answered: cursor up, then erase to the end of the screen.
    for match in re.finditer(r"q quit ", term.raw):
        assert re.match(r" ?\x1b\[\d+D\x1b\[A.*?\x1b\[J", term.raw[match.end() :], re.S)


def test_terminal_ctrl_c_at_the_prompt_exits_130(term_factory):
    term = term_factory("demo", DEMO)
    term.wait_for(r"Enter: 2/")
    term.send("\x03")
    assert term.finish() == 130
    assert "frcli: interrupted" in term.text and "Traceback" not in term.text


def test_terminal_all_runs_everything_at_once(term_factory):
    total = len(catalog.get_demo(DEMO).meta.examples)
    term = term_factory("demo", DEMO, "--all")
    assert term.finish() == 0
    assert term.text.count("What to notice:") == total and "Enter: 2/" not in term.text


def test_piped_output_stays_all_at_once():
    total = len(catalog.get_demo(DEMO).meta.examples)
    out = subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", "demo", DEMO],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("What to notice:") == total and "re-run" not in out.stdout
