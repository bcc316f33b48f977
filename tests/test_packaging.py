"""A non-editable install must carry every demo and quiz: build the wheel and use it elsewhere."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

# Start-up itself is what these check: each frcli run starts cold (tests/forkrun.py).
pytestmark = pytest.mark.exec_frcli

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


def test_wheel_version_is_the_package_version_and_the_license_ships(wheel):
    """One version, written in fastapi_responses_cli/__init__.py; the metadata reads it."""
    from fastapi_responses_cli import __version__

    assert wheel.name.startswith(f"fastapi_responses_cli-{__version__}-")
    archive = zipfile.ZipFile(wheel)
    (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    headers = archive.read(metadata).decode().split("\n\n", 1)[0].splitlines()
    assert f"Version: {__version__}" in headers
    assert "License-Expression: MIT" in headers
    licenses = [n for n in archive.namelist() if n.endswith("/LICENSE")]
    assert licenses, "LICENSE is not in the wheel"
    assert "MIT License" in archive.read(licenses[0]).decode()
    assert "frcli developers" in archive.read(licenses[0]).decode()
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" not in project and project["dynamic"] == ["version"]  # not written twice


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
