"""Exercises: the learner edits a small FastAPI app; frcli runs it and judges it on the wire.

``spec`` is the content model (``exercises/<name>/exercise.toml`` and the manifest
``exercises/info.toml``). The checker, the child interpreter that runs the learner's file, and
the watch loop live beside it. The engine never special-cases one exercise.
"""

from pathlib import Path

DEFAULT_DIR = Path("frcli-exercises")  # where the learner's files go unless --dir says


def normal_name(name: str) -> str:
    """How a typed exercise name is looked up: ``Hide_Password.py`` -> ``hide-password``."""
    return name.strip().lower().removesuffix(".py").replace("_", "-")


def file_stem(name: str) -> str:
    """The learner's file name for an exercise: ``hide-password`` -> ``hide_password``."""
    return name.replace("-", "_")
