"""`frcli demo`: resolve the name, run the examples on a LiveServer, draw them live."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from .. import catalog
from ..clients import SERVE_BASE, SERVE_PORT
from ..console import is_interactive, make_console
from ..errors import FrcliError

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from ..catalog import Demo
    from ..content import Example
    from ..runner import DemoRun


def show_demo(
    name: str | None,
    example: str | None = None,
    *,
    as_json: bool = False,
    curl: bool = False,
    httpie: bool = False,
    full: bool = False,
    source: bool = True,
    no_color: bool = False,
    picker_input: Input | None = None,
    picker_output: Output | None = None,
) -> int:
    if name is None:
        if picker_input is None and not is_interactive():
            from .list import show_list

            show_list(as_json=False, no_color=no_color)
            # No terminal to pick in: the list, and a non-zero exit so a script notices.
            print("\nfrcli: give a demo name, e.g. frcli demo streaming", file=sys.stderr)
            return 2
        name = pick_demo(input=picker_input, output=picker_output)
        if name is None:
            return 130
    demo = catalog.get_demo(name)
    examples = [demo.example(example)] if example else list(demo.meta.examples)

    if curl or httpie:
        return print_commands(demo, examples, httpie=httpie)
    if as_json:
        from ..runner import run_demo

        run = run_demo(demo, [e.name for e in examples])
        print(json.dumps([ex.to_json() for ex in run.exchanges], indent=2, ensure_ascii=False))
        return 0
    return _run_live(demo, examples, full=full, source=source, no_color=no_color)


def _run_live(
    demo: Demo, examples: list[Example], *, full: bool, source: bool, no_color: bool
) -> int:
    from ..render.exchange import DemoRenderer, demo_source
    from ..runner import run_demo
    from ..versions import versions_inline

    console = make_console(no_color)
    renderer = DemoRenderer(
        console, examples, source=demo_source(demo) if source else None, full=full
    )

    def on_start(run: DemoRun, url: str) -> None:
        meta = demo.meta
        renderer.header(meta.title, meta.summary, url, versions_inline(), legacy=meta.legacy)
        renderer.startup_log(run.startup_log)

    run_demo(demo, [e.name for e in examples], on_event=renderer.handle, on_start=on_start)
    return 0


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
            title=f"{d.name:<18} {d.title}" + ("  [legacy]" if d.meta.legacy else ""), value=d.name
        )
        for d in catalog.demos().values()
    ]
    if not choices:
        raise FrcliError("no demos found")
    question = questionary.select(
        "Which demo?", choices=choices, input=input, output=output, use_shortcuts=False
    )
    return question.unsafe_ask()
