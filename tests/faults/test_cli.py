"""Bad command lines: one usage line and one error line, names escaped, combinations refused."""

from __future__ import annotations

import sys

import pytest

from fastapi_responses_cli import cli


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, list[str]]:
    """``frcli ARGS`` in this process, as the entry point runs it: exit code, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["frcli", *args])
    with pytest.raises(SystemExit) as caught:
        cli.main()
    out = capsys.readouterr()
    code = caught.value.code
    return (code if isinstance(code, int) else 1), out.out, out.err.splitlines()


USAGE = {
    "unknown-option": (["demo", "--bogus"], "Usage: frcli demo "),
    "bad-count": (["quiz", "-n", "0", "cors"], "Usage: frcli quiz "),
    "unknown-command": (["nosuch"], "Usage: frcli "),
    "progress-option": (["progress", "--nope"], "Usage: frcli progress "),
    "missing-value": (["serve", "--port"], "Usage: frcli serve "),
}


@pytest.mark.parametrize("case", USAGE)
def test_usage_errors_are_two_lines(monkeypatch, capsys, case):
    args, usage = USAGE[case]
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 2 and out == ""
    assert len(err) == 2, err
    assert err[0].startswith(usage)
    assert err[1].startswith("frcli: error: ")


EMPTY = {
    "example": ["demo", "streaming", ""],
    "demo": ["demo", ""],
    "blank-demo": ["demo", "  "],
    "topic": ["quiz", ""],
}


@pytest.mark.parametrize("case", EMPTY)
def test_empty_names_are_errors(monkeypatch, capsys, case):
    code, out, err = run(monkeypatch, capsys, *EMPTY[case])
    assert code == 2 and out == ""
    (line,) = err
    assert "name is empty" in line


@pytest.mark.parametrize(
    "flags", [["--json", "--curl"], ["--curl", "--httpie"], ["--json", "--httpie"]]
)
def test_output_flag_combinations_are_refused(monkeypatch, capsys, flags):
    code, out, err = run(monkeypatch, capsys, "demo", "streaming", *flags)
    assert code == 2 and out == ""
    (line,) = err
    assert "cannot be combined" in line and all(f in line for f in flags)


HOSTILE = ["a\nb", "x\x1b[31mred", "\x1b]0;title\x07", "tab\there", "nul\x00?"]


@pytest.mark.parametrize("name", HOSTILE, ids=["newline", "csi", "osc", "tab", "nul"])
@pytest.mark.parametrize("where", ["demo", "example", "topic"])
def test_names_are_escaped_in_error_lines(monkeypatch, capsys, name, where):
    args = {
        "demo": ["demo", name],
        "example": ["demo", "streaming", name],
        "topic": ["quiz", name],
    }[where]
    code, _, err = run(monkeypatch, capsys, *args)
    assert code == 2
    (line,) = err  # one line: the newline did not split it
    assert "\x1b" not in line and "\x07" not in line and "\t" not in line and "\x00" not in line
    assert repr(name)[1:-1] in line
