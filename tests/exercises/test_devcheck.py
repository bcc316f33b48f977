"""`frcli dev check` proves every exercise; broken content is named file by file."""

import shutil

import pytest

from fastapi_responses_cli.exercises import devcheck, spec


@pytest.fixture
def content(tmp_path, monkeypatch):
    """A copy of two shipped exercises to break, used in place of the shipped folder."""
    root = tmp_path / "exercises"
    root.mkdir()
    for name in ("hide-password", "created-status"):
        shutil.copytree(spec.exercises_dir() / name, root / name)
    (root / "info.toml").write_text(
        '[[exercise]]\nname = "hide-password"\n\n[[exercise]]\nname = "created-status"\n'
    )
    monkeypatch.setattr(spec, "exercises_dir", lambda: root)
    spec.load_manifest.cache_clear()
    spec.load_spec.cache_clear()
    yield root
    spec.load_manifest.cache_clear()
    spec.load_spec.cache_clear()


def test_shipped_exercises_are_in_order():
    # Their starters and solutions are run in test_content.py (and by `frcli dev check` in CI).
    assert list(devcheck.check_exercises(run=False)) == []


def test_copied_content_is_in_order(content):
    # On a pool of its own, as `frcli dev check` runs; the tests below share the session's
    # warm pool (tests/exercises/conftest.py), which each call must leave open.
    assert list(devcheck.check_exercises()) == []


def test_unlisted_folder_and_missing_files(content, pool):
    (content / "stray").mkdir()
    (content / "created-status" / "solution.py").unlink()
    problems = list(devcheck.check_exercises(pool=pool))
    assert "exercises/stray: not listed in exercises/info.toml" in problems
    assert "exercises/created-status: missing solution.py" in problems


def test_solved_starter_and_failing_solution(content, pool):
    hp = content / "hide-password"
    shutil.copy(hp / "solution.py", hp / "starter.py.new")
    (hp / "solution.py").write_text((hp / "starter.py").read_text())
    (hp / "starter.py.new").replace(hp / "starter.py")
    (hp / "starter.py").write_text((hp / "starter.py").read_text() + "# TODO: nothing\n")
    problems = list(devcheck.check_exercises(pool=pool))
    assert (
        "exercises/hide-password/starter.py: passes every expectation "
        "(a starter must fail at least one)" in problems
    )
    assert any(
        p.startswith("exercises/hide-password/solution.py: alice: json_lacks_key hashed_password")
        for p in problems
    ), problems


def test_broken_links_and_spec(content, pool):
    toml = content / "created-status" / "exercise.toml"
    text = toml.read_text().replace('example = "created"', 'example = "nope"')
    text = text.replace("status-codes/set-201", "status-codes/no-such-question")
    toml.write_text(text)
    hp = content / "hide-password" / "exercise.toml"
    hp.write_text(hp.read_text().replace("hints = [", "hints_ = ["))
    problems = list(devcheck.check_exercises(pool=pool))
    assert (
        "exercises/created-status/exercise.toml: links.example: demo 'status-codes' has no "
        "example 'nope'" in problems
    )
    assert (
        "exercises/created-status/exercise.toml: links.quiz: no question 'no-such-question' "
        "in quiz 'status-codes'" in problems
    )
    assert any(p.startswith(f"{hp}: hints") for p in problems), problems


def test_starter_that_does_not_run(content, pool):
    (content / "created-status" / "starter.py").write_text("# TODO: x\nimport nope_nope\n")
    problems = list(devcheck.check_exercises(pool=pool))
    assert problems == [
        "exercises/created-status/starter.py: does not run: starter.py failed to import something"
    ]
