"""`frcli exercise watch`: check again on every save, move on when an exercise passes.

Keys: ``h`` hint, ``l`` list, ``n`` next, ``r`` re-check, ``q`` quit. Files are watched with
``watchfiles`` (uvicorn's reloader's library); ``--manual-run`` checks only on ``r``, for
folders where file events do not arrive (WSL, some network drives).

One warm child interpreter is always waiting (:class:`..pool.ChildPool`): a save is judged
by a process that has already imported FastAPI, uvicorn and httpx, and the next one starts
importing while the check runs.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prompt_toolkit.input import Input

    from .checker import Verdict

KEYS_HELP = "h hint · l list · n next · r re-check · q quit"
QUIT = {"q", "Q", "c-c", "c-d"}


class Watcher:
    def __init__(
        self,
        name: str | None,
        *,
        directory: Path,
        manual_run: bool = False,
        no_color: bool = False,
        input: Input | None = None,
    ) -> None:
        from ..console import make_console
        from .pool import ChildPool

        self.directory = Path(directory)
        self.manual_run = manual_run
        self.console = make_console(no_color)
        self.input = input
        self.pool = ChildPool(size=1)  # importing starts now, while we get ready
        self.requested = name
        self.current = ""
        self._checked: tuple[str, bytes | None] = ("", None)  # (exercise, the bytes checked)

    # -- what is shown -------------------------------------------------------------------------
    def _path(self) -> Path:
        from ..commands.exercise import exercise_path

        return exercise_path(self.current, self.directory)

    def _keys_line(self) -> None:
        from rich.text import Text

        keys = "r check · h hint · l list · n next · q quit" if self.manual_run else KEYS_HELP
        watching = "" if self.manual_run else f"watching {self._path().name} · "
        self.console.print(Text(f"\n{watching}{keys}", style="dim"))
        self._flush()

    def _flush(self) -> None:
        with contextlib.suppress(AttributeError, ValueError, OSError):
            self.console.file.flush()

    def _begin(self, name: str) -> None:
        """Make ``name`` the current exercise, writing its starter if the file is not there."""
        from rich.text import Text

        from ..commands.exercise import _shown_path, _task_text, _write_starter
        from . import state
        from .spec import load_spec

        self.current = name
        path = self._path()
        spec = load_spec(name)
        if not path.exists():
            _write_starter(name, path)
            state.record(name, "start")
            self.console.print(Text(f"Wrote {_shown_path(path)}", style="bold"))
        self.console.print(Text(f"{spec.title} ({name}): edit {_shown_path(path)}", style="bold"))
        self.console.print(Text(_task_text(spec)), overflow="fold")
        self._flush()

    def check(self) -> Verdict:
        from ..commands.exercise import run_check

        try:
            self._checked = (self.current, self._path().read_bytes())
        except OSError:
            self._checked = (self.current, None)
        if self.console.is_terminal:
            self.console.clear()
        return run_check(self.current, self._path(), self.console, pool=self.pool)

    def hint(self) -> None:
        from ..commands.exercise import take_hint

        self.console.print()
        take_hint(self.console, self.current)

    def show_list(self) -> None:
        from rich.text import Text

        from .state import exercise_states

        self.console.print()
        for name, st in exercise_states().items():
            mark = "→" if name == self.current else " "
            style = {"done": "green", "failing": "yellow"}.get(st, "dim")
            line = Text(f"{mark} {name:<28} ")
            line.append(st, style=style)
            self.console.print(line)

    def _move_on(self) -> bool:
        """After a pass (or `n`): the next exercise not done. False when none is left."""
        from rich.text import Text

        from .state import next_exercise

        upcoming = next_exercise(after=self.current)
        if upcoming is None:
            self.console.print(Text("\nEvery exercise is done. Well played!", style="bold green"))
            return False
        self.console.print(Text(f"\nOn to {upcoming}.", style="bold"))
        self._begin(upcoming)
        return True

    # -- the loop ------------------------------------------------------------------------------
    def run(self) -> int:
        from .spec import resolve
        from .state import next_exercise

        try:
            name = resolve(self.requested) if self.requested else next_exercise()
            if name is None:
                self.console.print("Every exercise is done: frcli exercise list")
                return 0
            self._begin(name)
            return asyncio.run(self._main())
        finally:
            self.pool.close()

    async def _main(self) -> int:
        from prompt_toolkit.input import create_input

        queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
        inp = self.input or create_input()
        stop = asyncio.Event()

        def on_keys() -> None:
            for press in inp.read_keys():
                key = press.key if isinstance(press.key, str) else str(press.key.value)
                queue.put_nowait(("key", key))

        watcher = None if self.manual_run else asyncio.create_task(self._watch(queue, stop))
        try:
            with inp.raw_mode(), inp.attach(on_keys):
                if await self._checked_and_moved():
                    return 0
                while True:
                    kind, value = await queue.get()
                    if kind == "file":
                        while not queue.empty():  # several saves while checking: one check
                            k, v = queue.get_nowait()
                            if k == "key":
                                queue.put_nowait((k, v))
                                break
                        if self._changed() and await self._checked_and_moved():
                            return 0
                    elif value in QUIT:
                        return 0
                    elif value in ("r", "R", "c-m", "c-j"):
                        if await self._checked_and_moved():
                            return 0
                    elif value in ("h", "H"):
                        self.hint()
                        self._keys_line()
                    elif value in ("l", "L"):
                        self.show_list()
                        self._keys_line()
                    elif value in ("n", "N"):
                        if not self._move_on():
                            return 0
                        if await self._checked_and_moved():
                            return 0
        finally:
            stop.set()
            if watcher is not None:
                watcher.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await watcher

    def _changed(self) -> bool:
        """A file event is worth a check only if the file differs from what was checked last
        (writing the next starter, or an editor touching the file, is not a save)."""
        try:
            now = self._path().read_bytes()
        except OSError:
            return False
        return self._checked != (self.current, now)

    async def _checked_and_moved(self) -> bool:
        """Check the current file; on a pass move on (and check the next). True: all done."""
        while True:
            verdict = await asyncio.to_thread(self.check)
            if not verdict.passed:
                self._keys_line()
                return False
            if not self._move_on():
                return True

    async def _watch(self, queue: asyncio.Queue[tuple[str, str]], stop: asyncio.Event) -> None:
        from watchfiles import awatch

        self.directory.mkdir(parents=True, exist_ok=True)

        def wanted(_change: object, path: str) -> bool:
            return Path(path).name == self._path().name

        async for _changes in awatch(
            self.directory, watch_filter=wanted, stop_event=stop, step=30, debounce=400
        ):
            queue.put_nowait(("file", self.current))
