"""`frcli demo`: resolve the name, run the examples on a LiveServer, draw them live."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import catalog
from ..clients import SERVE_BASE, SERVE_PORT
from ..console import is_interactive, make_console
from ..errors import FrcliError

if TYPE_CHECKING:
    from collections.abc import Callable

    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from ..catalog import Demo
    from ..content import Example
    from ..pacing import Pacer
    from ..render.exchange import SourceFn
    from ..runner import DemoRun
    from ..timeline import Event, Exchange


@dataclass(frozen=True)
class View:
    """How a run is shown: the flags `frcli demo` and `frcli inspect` share."""

    full: bool = False
    wire: bool = False
    timeline: bool = False
    pretty: bool = False
    no_color: bool = False
    svg: Path | None = None
    html: Path | None = None
    har: Path | None = None

    @property
    def keep_wire(self) -> bool:
        return self.wire

    @property
    def keep_body(self) -> bool:
        return self.har is not None


def show_demo(
    name: str | None,
    example: str | None = None,
    *,
    as_json: bool = False,
    curl: bool = False,
    httpie: bool = False,
    source: bool = True,
    all_at_once: bool = False,
    only: Sequence[str] | None = None,
    view: View | None = None,
    picker_input: Input | None = None,
    picker_output: Output | None = None,
) -> int:
    """``view``: how the run is shown (the flags `frcli demo` and `frcli inspect` share; default
    :class:`View`'s). ``picker_input``/``picker_output`` are prompt_toolkit objects for tests;
    giving an input means terminal mode: the pickers, and one example at a time unless
    ``all_at_once``. ``only``: these examples of the demo (``example`` wins)."""
    view = view or View()
    interactive = picker_input is not None or is_interactive()
    picked = name is None  # the learner picks the demo, then its example
    if name is None:
        if not interactive:
            from .list import show_list

            show_list(as_json=False, no_color=view.no_color)
            # No terminal to pick in: the list, and a non-zero exit so a script notices.
            print("\nfrcli: give a demo name, e.g. frcli demo streaming", file=sys.stderr)
            return 2
        name = pick_demo(input=picker_input, output=picker_output)
        if name is None:
            return 130
    demo = catalog.get_demo(name)
    if example is None and picked:
        from ..pacing import ALL, pick_example

        example = pick_example(demo, input=picker_input, output=picker_output)
        if example is None:
            return 130
        example = None if example == ALL else example
    if example:
        examples = [demo.example(example)]
    else:
        examples = [demo.example(n) for n in only] if only else list(demo.meta.examples)

    if curl or httpie:
        return print_commands(demo, examples, httpie=httpie)
    if as_json:
        from ..runner import run_demo

        run = run_demo(demo, [e.name for e in examples])
        print(json.dumps([ex.to_json() for ex in run.exchanges], indent=2, ensure_ascii=False))
        return 0
    paced = interactive and not all_at_once and len(examples) > 1
    pace = (picker_input, picker_output) if paced else None
    return _run_live(demo, examples, view, source=source, pace=pace)


def _run_live(
    demo: Demo,
    examples: list[Example],
    view: View,
    *,
    source: bool,
    pace: tuple[Input | None, Output | None] | None = None,
) -> int:
    from ..render.exchange import demo_source
    from ..runner import run_demo
    from ..versions import versions_inline

    live = LiveView(view, examples, demo_source(demo) if source else None, title=demo.meta.title)

    def on_start(run: DemoRun, url: str) -> None:
        meta = demo.meta
        live.renderer.header(meta.title, meta.summary, url, versions_inline(), legacy=meta.legacy)
        live.renderer.startup_log(run.startup_log)

    paced: Pacer | None = None
    if pace is not None:  # in a terminal: one example at a time, the learner's pace
        from ..pacing import pacer

        paced = pacer(examples, width=live.console.width, input=pace[0], output=pace[1])
    names = paced if paced is not None else [e.name for e in examples]
    run = run_demo(
        demo,
        names,
        on_event=live.renderer.handle,
        on_start=on_start,
        keep_body=view.keep_body,
        keep_wire=view.keep_wire,
    )
    live.finish(run.exchanges)
    if paced is not None and paced.stopped:
        from ..pacing import stopped_line

        live.console.print(stopped_line(demo, paced), style="dim", markup=False)
    return 0


class LiveView:
    """A renderer set up from a :class:`View`, and the exports written when the run ends."""

    def __init__(
        self, view: View, examples: list[Example], source: SourceFn | None, *, title: str
    ) -> None:
        from ..render.exchange import DemoRenderer

        self.view = view
        self.title = title
        self.console = make_console(view.no_color)
        if view.svg is not None or view.html is not None:
            self.console.record = True
        self.renderer = DemoRenderer(
            self.console,
            examples,
            source=source,
            full=view.full,
            wire=view.wire,
            timeline=view.timeline,
            pretty=view.pretty,
        )

    @property
    def on_event(self) -> Callable[[Event], None]:
        return self.renderer.handle

    def finish(self, exchanges: list[Exchange]) -> None:
        self.renderer.close()
        view = self.view
        if view.svg is not None or view.html is not None:
            from ..render.export import save_recording

            save_recording(self.console, svg=view.svg, html=view.html, title=self.title)
        if view.har is not None:
            from ..render.export import save_har

            save_har(view.har, exchanges)


def print_commands(demo: Demo, examples: list[Example], *, httpie: bool = False) -> int:
    """Each example as a curl (or HTTPie) command for ``frcli serve``'s address."""
    from ..clients import curl_command, httpie_command

    command = httpie_command if httpie else curl_command

    base = f"{SERVE_BASE}/{demo.name}"
    print(f"# Start the server first: frcli serve   (every demo, under /{demo.name})")
    print(f"# or run this demo alone (and drop /{demo.name} from the paths below):")
    print(f"#   uvicorn {demo.module}:app --port {SERVE_PORT}")
    for ex in examples:
        print(f"\n# {ex.name}: {ex.title}")
        print(command(base, ex))
    return 0


def pick_demo(input: Input | None = None, output: Output | None = None) -> str | None:
    """Arrow-key picker over every demo; None when the learner cancels."""
    import questionary

    choices = [
        questionary.Choice(
            title=f"{d.name:<18} {d.title}" + ("  [legacy]" if d.info.legacy else ""), value=d.name
        )
        for d in catalog.demos().values()
    ]
    if not choices:
        raise FrcliError("no demos found")
    question = questionary.select(
        "Which demo?", choices=choices, input=input, output=output, use_shortcuts=False
    )
    return question.unsafe_ask()
