"""What the everyday commands import and read at start-up: the measures behind their speed
(benchmarks/bench_engine.py times them against `import typer`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import version

import pytest

from fastapi_responses_cli import catalog, versions

# Start-up itself is what these check: each frcli run starts cold (tests/forkrun.py).
pytestmark = pytest.mark.exec_frcli

PROBE = """
import sys
sys.argv = ["frcli", *sys.argv[1:]]
from fastapi_responses_cli import cli
try:
    cli.main()
except SystemExit:
    pass
print("LOADED:" + ",".join(sorted(sys.modules)), file=sys.stderr)
"""


def loaded(args: list[str], home) -> set[str]:
    env = {**os.environ, "FRCLI_HOME": str(home), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("LOADED:"))
    return set(line.removeprefix("LOADED:").split(","))


EVERYDAY = [
    [],
    ["list"],
    ["list", "--json"],
    ["--help"],
    ["progress"],
    ["progress", "--json"],
    ["quiz", "response-models"],  # up to its first question: stdin is closed
    ["quiz", "response-models", "-n", "1", "--seed", "7"],  # plain numbers: no TypeAdapter
]


@pytest.mark.parametrize("args", EVERYDAY, ids=" ".join)
def test_everyday_commands_import_no_pydantic_and_read_no_toml_twice(args, tmp_path):
    loaded(args, tmp_path)  # the first run writes the content index
    modules = loaded(args, tmp_path)
    # Typer builds a pydantic TypeAdapter per parameter it checks; none of these needs one,
    # and checked questions, exercise names and titles come from the index.
    assert "pydantic" not in modules and "typer._adapters" not in modules
    # Unchanged content comes from the index: no TOML parser, no importlib.metadata.
    assert "tomllib" not in modules
    assert "importlib.metadata" not in modules
    if args[:1] != ["quiz"]:
        assert "fastapi_responses_cli.quiz.flow" not in modules


def test_the_first_run_checks_with_pydantic(tmp_path):
    """The index is a cache, not a shortcut past the checks: a fresh home validates."""
    assert "pydantic" in loaded(["quiz", "response-models"], tmp_path)


def test_question_and_its_schema_have_the_same_fields():
    from dataclasses import MISSING, fields

    from fastapi_responses_cli.quiz.model import Question
    from fastapi_responses_cli.quiz.schema import QuestionSchema

    plain = {f.name: f.default for f in fields(Question)}
    schema = QuestionSchema.model_fields
    assert set(plain) == set(schema)
    for name, default in plain.items():
        if default is MISSING:
            assert schema[name].is_required() or name == "wrong", name
        else:
            assert schema[name].default == default, name


def _quiz_copy(tmp_path, monkeypatch):
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    target = quizzes / "cors.toml"
    shutil.copy(catalog.quizzes_dir() / "cors.toml", target)
    index = catalog.ContentIndex(tmp_path / "index.json")
    monkeypatch.setattr(catalog, "content_index", lambda: index)
    return target, index


def test_checked_questions_come_from_the_index_until_the_file_changes(tmp_path, monkeypatch):
    from fastapi_responses_cli.quiz import model

    target, index = _quiz_copy(tmp_path, monkeypatch)
    first, problems = model.parse_quiz(target)
    assert first is not None and not problems
    index.save()
    index = catalog.ContentIndex(tmp_path / "index.json")  # another process
    monkeypatch.setattr(catalog, "content_index", lambda: index)
    with monkeypatch.context() as m:
        m.setattr(model, "_check_file", lambda *a: pytest.fail("checked again"))
        again, _ = model.parse_quiz(target)
    assert again == first
    # An edit that breaks a question is seen at once: the entry was for the old file.
    target.write_text(target.read_text().replace('difficulty = "easy"', 'difficulty = "e"', 1))
    broken, problems = model.parse_quiz(target)
    assert broken is None and "'e': use easy, medium or hard" in str(problems[0])


def test_validate_never_trusts_the_index_and_other_code_is_not_trusted(tmp_path, monkeypatch):
    from fastapi_responses_cli.quiz import model, validate

    target, index = _quiz_copy(tmp_path, monkeypatch)
    key, _ = index.get(model.CACHE_KIND, target)
    assert key is not None
    # An entry that says the file is fine, whatever the file says: validate checks anyway.
    target.write_text(target.read_text().replace('difficulty = "easy"', 'difficulty = "e"', 1))
    key, _ = index.get(model.CACHE_KIND, target)
    assert key is not None
    fine = {"title": "x", "description": "", "order": 1, "questions": []}
    index.put(model.CACHE_KIND, target, key, fine)
    assert model.parse_quiz(target)[0] is not None  # the index's word, for the quiz itself
    quiz, problems = validate.check_file(target)
    assert quiz is None and "'e': use easy, medium or hard" in str(problems[0])
    # Entries written by another frcli (version or engine source) are not read.
    index.save()
    saved = json.loads((tmp_path / "index.json").read_text())
    saved["code"][0] = "0.0.0-other"
    (tmp_path / "index.json").write_text(json.dumps(saved))
    assert catalog.ContentIndex(tmp_path / "index.json").get(model.CACHE_KIND, target)[1] is None


def test_a_changed_quiz_file_is_read_again(tmp_path, monkeypatch):
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    source = catalog.quizzes_dir() / "cors.toml"
    target = quizzes / "cors.toml"
    shutil.copy(source, target)
    monkeypatch.setattr(catalog, "quizzes_dir", lambda: quizzes)
    index = catalog.ContentIndex(tmp_path / "index.json")
    monkeypatch.setattr(catalog, "content_index", lambda: index)
    catalog.quiz_topics.cache_clear()
    try:
        first = catalog.quiz_topics()["cors"]
        index.save()
        saved = json.loads((tmp_path / "index.json").read_text())
        assert saved["entries"][f"quiz:{target}"]["value"]["title"] == first.title
        # Another process reads the saved index: the same answer without parsing.
        index = catalog.ContentIndex(tmp_path / "index.json")
        monkeypatch.setattr(catalog, "read_quiz_data", lambda *a, **k: pytest.fail("parsed"))
        catalog.quiz_topics.cache_clear()
        assert catalog.quiz_topics()["cors"] == first
        monkeypatch.undo()
        monkeypatch.setattr(catalog, "quizzes_dir", lambda: quizzes)
        monkeypatch.setattr(catalog, "content_index", lambda: index)
        target.write_text(source.read_text().replace(first.title, "Changed title", 1))
        catalog.quiz_topics.cache_clear()
        assert catalog.quiz_topics()["cors"].title == "Changed title"
    finally:
        catalog.quiz_topics.cache_clear()


def test_an_unwritable_index_only_means_reading_the_files(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    index = catalog.ContentIndex(blocker / "index.json")  # its folder cannot exist
    index.put("quiz", blocker, [1, 2, 3, 4], {"title": "t", "order": 1, "ids": []})
    index.save()  # no error, nothing written
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize("name", versions.PACKAGES)
def test_versions_from_dist_info_names_match_package_metadata(name):
    assert versions._dist_info_version(name) == version(name)


def test_path_options_keep_typers_check_without_its_pydantic_adapter(tmp_path):
    """`--dir` is checked by Typer's own path check, handed a Path (no TypeAdapter)."""
    modules = loaded(["exercise", "check", "hide-password", "--dir", str(tmp_path)], tmp_path)
    assert "typer._adapters" not in modules
    a_file = tmp_path / "file"
    a_file.write_text("")
    args = ["exercise", "check", "hide-password", "--dir", str(a_file)]
    done = subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "FRCLI_HOME": str(tmp_path)},
    )
    assert done.returncode == 2
    assert f"Invalid value for '--dir': dir '{a_file}' is a file." in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Input should be greater than or equal to 1"),
        ("x", "Input should be a valid integer"),
        ("1.5", "Input should be a valid integer"),
    ],
)
def test_numbers_that_are_not_plain_get_typers_own_check(value, message, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", "quiz", "response-models", "-n", value],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "FRCLI_HOME": str(tmp_path)},
    )
    assert done.returncode == 2
    assert f"Invalid value for '--count' / '-n': {message}" in done.stderr
