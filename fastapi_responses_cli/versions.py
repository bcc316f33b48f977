"""The versions frcli runs on, read from package metadata (no heavy imports)."""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

from . import __version__

PACKAGES = ("fastapi", "starlette", "pydantic", "uvicorn", "httpx")


def installed(name: str) -> str:
    """The version of ``name``: from the module when it is already imported (free), else from
    package metadata (about 3 ms a package, and importing nothing)."""
    module = sys.modules.get(name)
    found = getattr(module, "__version__", None) or getattr(module, "VERSION", None)
    if isinstance(found, str):
        return found
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def version_lines() -> list[str]:
    import platform

    lines = [f"frcli {__version__}"]
    lines += [f"{name} {installed(name)}" for name in PACKAGES]
    lines.append(f"python {platform.python_version()}")
    return lines


def versions_inline() -> str:
    return ", ".join(f"{name} {installed(name)}" for name in PACKAGES[:4])
