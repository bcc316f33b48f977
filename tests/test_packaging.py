"""A non-editable install must carry every demo and quiz: build the wheel and use it elsewhere."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if build.returncode != 0:
        pytest.fail(f"wheel build failed:\n{build.stderr[-2000:]}")
    (path,) = out.glob("*.whl")
    return path


def test_wheel_ships_all_content(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for demo in (ROOT / "demos").glob("*.py"):
        assert f"fastapi_responses_cli/demos/{demo.name}" in names
    for quiz in (ROOT / "quizzes").glob("*.toml"):
        assert f"fastapi_responses_cli/quizzes/{quiz.name}" in names
    data_files = [p for p in (ROOT / "demos" / "_data").rglob("*") if p.is_file()]
    for p in data_files:
        assert f"fastapi_responses_cli/demos/{p.relative_to(ROOT / 'demos').as_posix()}" in names


def test_installed_copy_runs_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "FRCLI_HOME": str(tmp_path / "home")}
    listing = subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", "list", "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listing.returncode == 0, listing.stderr
    data = json.loads(listing.stdout)
    assert len(data["demos"]) == len(list((ROOT / "demos").glob("[!_]*.py")))
    assert len(data["quizzes"]) == len(list((ROOT / "quizzes").glob("*.toml")))
    where = subprocess.run(
        [sys.executable, "-c", "import fastapi_responses_cli.catalog as c; print(c.demos_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert where.stdout.strip().startswith(str(site)), where.stdout
    run = subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", "demo", "streaming", "jsonl", "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    (exchange,) = json.loads(run.stdout)
    assert exchange["response"]["status"] == 200
