"""`frcli quiz validate`: one line per problem, `file: question id: field: problem`, exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fastapi_responses_cli.quiz.validate import check_file, validate_paths

GOOD = """
title = "Good"

[[questions]]
id = "fine"
difficulty = "easy"
question = "A perfectly fine question?"
right = ["yes"]
wrong = ["no"]
explanation = "It has everything a question needs."
demo = "streaming"
example = "csv"
"""


def question(**fields: object) -> str:
    base: dict[str, object] = {
        "id": "q1",
        "difficulty": "easy",
        "question": "What is the answer here?",
        "right": ["this"],
        "wrong": ["that", "other"],
        "explanation": "Because this is the answer.",
        "demo": "streaming",
        "example": "csv",
    }
    base.update(fields)
    lines = ["[[questions]]"]
    for key, value in base.items():
        if value is None:
            continue
        if isinstance(value, list):
            lines.append(f"{key} = [" + ", ".join(f'"{v}"' for v in value) + "]")
        else:
            lines.append(f'{key} = "{value}"')
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, body: str, name: str = "topic.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    _, found = check_file(path)
    return [str(p) for p in found]


def test_good_file_passes(tmp_path, capsys):
    path = write(tmp_path, GOOD)
    assert problems(path) == []
    assert validate_paths([path]) == 0
    assert capsys.readouterr().out == f"{path}: ok, 1 question (1 facts, 0 advice)\n"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"difficulty": "tricky"}, "q1: difficulty: 'tricky': use easy, medium or hard"),
        ({"explanation": None}, "q1: explanation: missing"),
        ({"colour": "blue"}, "q1: colour: unknown field"),
        (
            {"right": ["this", "that2"]},
            'q1: right: 2 right answers: give exactly one, or set kind = "multi"',
        ),
        ({"right": []}, "q1: right: List should have at least 1 item after validation"),
        ({"wrong": ["this", "other"]}, "q1: wrong: choice 'this' appears twice"),
        ({"wrong": []}, "q1: wrong: no wrong choices: a single-answer question needs at least one"),
        ({"kind": "several"}, "q1: kind: Input should be 'single' or 'multi'"),
        ({"claim": "opinion"}, "q1: claim: Input should be 'fact' or 'advice'"),
        ({"id": "Has Spaces"}, "Has Spaces: id: String should match pattern"),
        ({"demo": "streamin"}, "q1: demo: no demo named 'streamin' (did you mean 'streaming'?)"),
        ({"example": "cvs"}, "q1: example: demo 'streaming' has no example 'cvs'"),
    ],
    ids=lambda v: str(v)[:40],
)
def test_each_problem_is_one_line_with_file_id_and_field(tmp_path, fields, expected):
    path = write(tmp_path, 'title = "T"\n' + question(**fields))
    found = problems(path)
    assert len(found) == 1, found
    assert found[0].startswith(f"{path}: {expected}"), found[0]


def test_multi_kind_allows_several_right_answers(tmp_path):
    path = write(tmp_path, 'title = "T"\n' + question(kind="multi", right=["this", "also"]))
    assert problems(path) == []


def test_duplicate_ids(tmp_path):
    path = write(tmp_path, 'title = "T"\n' + question() + question())
    assert problems(path) == [f"{path}: q1: id: used twice (questions #1 and #2)"]


def test_file_level_problems(tmp_path):
    path = write(tmp_path, "[[questions]]\n")
    found = problems(path)
    assert f"{path}: (file): title: missing" in found[0]
    assert any(": question #1: id: missing" in p for p in found)

    bad_toml = write(tmp_path, 'title = "unclosed\n', "broken.toml")
    (line,) = problems(bad_toml)
    assert line.startswith(f"{bad_toml}: (file): toml: not valid TOML")

    assert problems(tmp_path / "missing.toml") == [
        f"{tmp_path / 'missing.toml'}: (file): -: no such file"
    ]

    extra = write(tmp_path, 'title = "T"\nauthor = "me"\n' + question(), "extra.toml")
    assert problems(extra)[0].startswith(f"{extra}: (file): author: unknown top-level key")


def test_code_lines_must_fit_80_columns(tmp_path):
    long_line = "    x = " + "1 + " * 20 + "1"
    body = 'title = "T"\n' + question().replace(
        'question = "What is the answer here?"',
        f'question = """\nWhat does this do?\n\n{long_line}\n"""',
    )
    path = write(tmp_path, body)
    (line,) = problems(path)
    assert line.startswith(f"{path}: q1: question: code line is 85 characters (at most 76)")


def test_validate_exit_code_and_output_through_the_cli(tmp_path):
    good = write(tmp_path, GOOD, "good.toml")
    bad = write(tmp_path, 'title = "T"\n' + question(difficulty="tricky", demo="nope"), "bad.toml")
    proc = subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", "quiz", "validate", str(good), str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.stdout.splitlines() == [
        f"{good}: ok, 1 question (1 facts, 0 advice)",
        f"{bad}: q1: difficulty: 'tricky': use easy, medium or hard",
        "1 of 2 quiz files have problems",
    ]
    # References are checked once the schema is clean.
    bad.write_text('title = "T"\n' + question(demo="nope"))
    proc = subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", "quiz", "validate", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == f"{bad}: q1: demo: no demo named 'nope'"


def test_a_directory_validates_every_toml_in_it(tmp_path, capsys):
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD.replace('"fine"', '"fine-too"'), "b.toml")
    assert validate_paths([tmp_path]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
