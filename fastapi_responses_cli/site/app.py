"""The combined app `frcli serve` runs: every demo under ``/<demo name>``, plus the site pages.

Built in one direction: the demos are imported and mounted first (:mod:`.mounts`), the site
(index, live pages, ``/docs``, ``/openapi.json``; :mod:`.pages`) is built from those mounts,
and :func:`create_app` puts the two together. The site is an ordinary FastAPI app that answers
everything that is not a demo's; its OpenAPI is merged from the demos' own documents (see
:mod:`.openapi`). Demo names come from file names (``demos/<name>.py``), and names starting
with ``_`` are never demos, so the site's assets live under ``/_site``. The site's other
top-level names are :data:`RESERVED`; a demo with one of those names is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .mounts import RESERVED, Mounted, check_names, demos_lifespan, dispatch, load_demos
from .pages import build_site

if TYPE_CHECKING:
    from starlette.types import Receive, Scope, Send

__all__ = ["RESERVED", "CombinedApp", "Mounted", "check_names", "create_app", "load_demos"]


class CombinedApp:
    """ASGI app: ``/<demo>/...`` goes to that demo's app, everything else to the site."""

    def __init__(self, mounted: dict[str, Mounted], broken: dict[str, str], site: Any) -> None:
        self.mounted = mounted
        self.broken = broken  # demo name -> why it could not be loaded
        self.site = site  # the FastAPI app of the index, live pages and docs

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not await dispatch(self.mounted, scope, receive, send):
            await self.site(scope, receive, send)


def create_app(
    mounted: dict[str, Mounted] | None = None, broken: dict[str, str] | None = None
) -> CombinedApp:
    """The factory uvicorn calls (``fastapi_responses_cli.site.app:create_app``, factory=True):
    every catalog demo, or the ``mounted`` ones given (and ``broken``: name -> why not)."""
    if mounted is None:
        mounted, broken = load_demos()
    broken = broken or {}
    check_names(list(mounted) + list(broken))
    site = build_site(mounted, broken, demos_lifespan(mounted))
    return CombinedApp(mounted, broken, site)
