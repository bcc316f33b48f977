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


# `frcli progress` is not here: its exercise section reads exercise specs with pydantic.
@pytest.mark.parametrize("args", [[], ["list"], ["list", "--json"], ["--help"]])
def test_everyday_commands_import_no_pydantic_and_read_no_toml_twice(args, tmp_path):
    loaded(args, tmp_path)  # the first run writes the content index
    modules = loaded(args, tmp_path)
    # Typer builds a pydantic TypeAdapter per parameter it checks; none of these needs one.
    assert "pydantic" not in modules and "typer._adapters" not in modules
    # Unchanged content comes from the index: no TOML parser, no importlib.metadata.
    assert "tomllib" not in modules
    assert "importlib.metadata" not in modules
    assert "fastapi_responses_cli.quiz.flow" not in modules


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
