"""The versions frcli runs on, read from package metadata (no heavy imports)."""

from __future__ import annotations

import os
import sys
from functools import cache

from . import __version__

PACKAGES = ("fastapi", "starlette", "pydantic", "uvicorn", "httpx")


def installed(name: str) -> str:
    """The version of ``name``: from the module when it is already imported (free), else from
    the name of its ``<name>-<version>.dist-info`` folder (one directory listing per path
    entry), else from package metadata (importing importlib.metadata costs more than
    reading every version this way)."""
    module = sys.modules.get(name)
    found = getattr(module, "__version__", None) or getattr(module, "VERSION", None)
    if isinstance(found, str):
        return found
    found = _dist_info_version(name)
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


@cache
def _listing(entry: str) -> tuple[str, ...]:
    try:
        return tuple(os.listdir(entry or "."))
    except OSError:
        return ()


def _dist_info_version(name: str) -> str | None:
    """The version in the first ``<name>-<version>.dist-info`` on ``sys.path`` (the
    distribution importlib.metadata would find first), or None."""
    wanted = name.lower().replace("-", "_").replace(".", "_")
    for entry in sys.path:
        for item in _listing(entry):
            if not item.endswith(".dist-info"):
                continue
            dist, sep, found = item[: -len(".dist-info")].rpartition("-")
            if sep and dist.lower().replace("-", "_").replace(".", "_") == wanted and found:
                return found
    return None


def version_lines() -> list[str]:
    import platform

    lines = [f"frcli {__version__}"]
    lines += [f"{name} {installed(name)}" for name in PACKAGES]
    lines.append(f"python {platform.python_version()}")
    return lines


def versions_inline() -> str:
    return ", ".join(f"{name} {installed(name)}" for name in PACKAGES[:4])
