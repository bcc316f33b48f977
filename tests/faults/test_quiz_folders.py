"""Hostile quiz folders: every file that cannot be a quiz is one line, never a traceback.

``frcli quiz validate`` reports each bad file as one line and exits 1; the learner's commands
(``frcli``, ``list``, ``quiz``, ``progress``) skip it with one warning line on stderr and go on.
Each case is a quizzes folder holding one good quiz and one hostile entry. The learner's
commands run in-process (Typer's runner, the catalog pointed at the folder); ``validate`` runs
in a child process too, where a FIFO that was opened would block until the timeout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastapi_responses_cli import catalog
from fastapi_responses_cli.cli import app

GOOD = catalog.quizzes_dir() / "response-models.toml"
DEEP = 500


def _deep(folder: Path) -> Path:
    path = folder / "deep.toml"
    path.write_text("title = " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    return path


def _nested_folder(folder: Path) -> Path:
    (folder / "more").mkdir()
    return shutil.copy(GOOD, folder / "more" / "inner.toml")


def _folder_named_toml(folder: Path) -> Path:
    (folder / "x.toml").mkdir()
    return folder / "x.toml"


def _dangling_symlink(folder: Path) -> Path:
    (folder / "gone.toml").symlink_to(folder / "nowhere.toml")
    return folder / "gone.toml"


def _bom(folder: Path) -> Path:
    path = folder / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.read_bytes())
    return path


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.toml")
    return folder / "pipe.toml"


def _latin1(folder: Path) -> Path:
    path = folder / "latin.toml"
    path.write_bytes(GOOD.read_bytes().replace(b"Response models", b"R\xe9ponses", 1))
    return path


# name, how to make the entry, the problem reported (None: not a problem at all)
CASES: list[tuple[str, Callable[[Path], Path], str | None]] = [
    ("deep", _deep, "deep.toml: not valid TOML: nested too deeply"),
    ("nested-folder", _nested_folder, None),  # only files directly in the folder are quizzes
    ("folder-named-x.toml", _folder_named_toml, "x.toml: is a directory"),
    ("dangling-symlink", _dangling_symlink, "gone.toml: broken symbolic link"),
    ("utf8-bom", _bom, None),  # accepted: a BOM is how some editors save UTF-8
    ("fifo", _fifo, "pipe.toml: not a regular file (a FIFO, socket or device)"),
    ("latin-1", _latin1, "latin.toml: not UTF-8 text (byte 0xe9 at offset"),
]
IDS = [c[0] for c in CASES]


@pytest.fixture(params=CASES, ids=IDS)
def folder(request, tmp_path, monkeypatch) -> Iterator[tuple[Path, str | None]]:
    _, make, problem = request.param
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    shutil.copy(GOOD, quizzes / GOOD.name)
    make(quizzes)
    monkeypatch.setattr(catalog, "quizzes_dir", lambda: quizzes)
    catalog.quiz_topics.cache_clear()
    yield quizzes, problem
    catalog.quiz_topics.cache_clear()


def stderr_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def check(
    result, *, code: int, problem: str | None, warned: bool = True, then: str | None = None
) -> None:
    """The exit code, at most two stderr lines, no traceback; the warning when expected (and
    ``then``, the command's own last line)."""
    lines = stderr_lines(result.stderr)
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert len(lines) <= 2, lines
    assert "Traceback" not in result.stdout + result.stderr
    if then is not None:
        assert lines and lines.pop() == then, result.stderr
    if problem is not None and warned:
        (line,) = lines
        assert line.startswith(f"frcli: warning: {problem}"), line
        assert line.endswith("; skipped"), line
    else:
        assert lines == [], lines


runner = CliRunner()


@pytest.mark.parametrize(
    "args", [[], ["list"], ["list", "--json"], ["progress"], ["progress", "--json"]]
)
def test_learner_commands_skip_the_bad_file_with_one_warning(folder, args):
    _, problem = folder
    result = runner.invoke(app, args)
    check(result, code=0, problem=problem)
    if args[:1] == ["list"]:
        assert "response-models" in result.stdout  # the good quiz is still there


def test_list_shows_the_good_quiz_and_a_bom_file(folder):
    quizzes, problem = folder
    result = runner.invoke(app, ["list", "--json"])
    check(result, code=0, problem=problem)
    topics = [q["topic"] for q in json.loads(result.stdout)["quizzes"]]
    expected = ["response-models"]
    if (quizzes / "bom.toml").exists():
        expected = ["bom", "response-models"]  # same order, then by name
    assert topics == expected


def test_quiz_on_the_good_topic_goes_on(folder):
    _, problem = folder
    result = runner.invoke(app, ["quiz", "response-models"], input="")
    # A known topic reads its own file only: nothing to warn about.
    check(result, code=0, problem=problem, warned=False)
    assert "Question 1 of" in result.stdout


def test_quiz_without_a_topic_lists_the_good_ones(folder):
    _, problem = folder
    result = runner.invoke(app, ["quiz"], input="")
    check(
        result, code=2, problem=problem, then="frcli: give a topic, e.g. frcli quiz response-models"
    )
    assert "response-models" in result.stdout


def test_quiz_on_the_bad_file_is_one_line(folder):
    quizzes, problem = folder
    bad = [p for p in quizzes.iterdir() if p.name != GOOD.name]
    (entry,) = bad
    result = runner.invoke(app, ["quiz", entry.stem], input="")
    if problem is None:
        if entry.is_dir():  # the nested folder: not a topic at all
            assert result.exit_code == 2
        else:  # the BOM file is a good quiz
            check(result, code=0, problem=None)
        return
    lines = stderr_lines(result.stderr)
    assert result.exit_code in (1, 2), result.stderr
    assert len(lines) <= 2 and "Traceback" not in result.stdout + result.stderr, lines
    assert any(problem.split(": ", 1)[1] in line for line in lines), lines


def test_validate_reports_each_bad_file_in_one_line(folder):
    quizzes, problem = folder
    # In a child process: a FIFO that was opened would block it until the timeout.
    done = subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", "quiz", "validate", str(quizzes)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert len(stderr_lines(done.stderr)) <= 2, done.stderr
    if problem is None:
        assert done.returncode == 0, done.stdout
        return
    assert done.returncode == 1, done.stdout
    name, what = problem.split(": ", 1)
    (line,) = [line for line in done.stdout.splitlines() if name in line]
    assert line.startswith(f"{quizzes / name}: (file): ") and what in line, line
    assert f"{quizzes / GOOD.name}: ok" in done.stdout


def test_validate_names_a_bad_entry_given_directly(folder):
    quizzes, problem = folder
    if problem is None:
        pytest.skip("nothing wrong with this entry")
    name = problem.split(": ", 1)[0]
    result = runner.invoke(app, ["quiz", "validate", str(quizzes / name)])
    assert result.exit_code == 1
    (line, summary) = result.stdout.splitlines()
    assert line.startswith(f"{quizzes / name}: (file): ") and problem.split(": ", 1)[1] in line
    assert summary == "1 of 1 quiz files have problems"


def test_each_file_is_parsed_once_per_command(tmp_path, monkeypatch):
    """The index, the progress overview and the quiz loader share one parse per file."""
    import tomllib

    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    for path in catalog.quiz_files():
        shutil.copy(path, quizzes / path.name)
    monkeypatch.setattr(catalog, "quizzes_dir", lambda: quizzes)
    parsed: list[int] = []
    real = tomllib.loads
    # Quiz files only: the exercise manifest and specs are TOML too, and are not what is counted.
    quiz_texts = {p.read_text(encoding="utf-8") for p in quizzes.glob("*.toml")}
    monkeypatch.setattr(
        tomllib, "loads", lambda text: (text in quiz_texts and parsed.append(1)) or real(text)
    )
    catalog.quiz_topics.cache_clear()
    try:
        for args in ([], ["progress"], ["list"], ["quiz"]):
            result = runner.invoke(app, args, input="")
            assert result.exit_code in (0, 2), result.stderr
        # Four commands in one process: each file parsed once, for all of them.
        assert len(parsed) == len(catalog.quiz_files())
    finally:
        catalog.quiz_topics.cache_clear()
