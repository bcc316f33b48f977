"""Paced demos: in a terminal, one example at a time, and the learner says when to go on.

:func:`paced` is a generator of example names for :func:`runner.run_demo`: the runner asks it
for the next example only once the previous one has been drawn, so the question ("Enter next,
r re-run, q quit") is asked while the server stays up, and a re-run or a quit costs no restart.
Reading the key is a one-line prompt_toolkit application, erased once answered; tests drive it
with prompt_toolkit's pipe input, as questionary's own tests do.

Only commands that draw in a terminal import this (prompt_toolkit is imported when a key is read).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.key_binding import KeyPressEvent
    from prompt_toolkit.output import Output

    from .catalog import Demo
    from .content import Example

Action = Literal["next", "rerun", "all", "quit"]
# What each key does at the prompt between two examples.
KEYS: dict[str, Action] = {
    "enter": "next",
    "space": "next",
    "n": "next",
    "r": "rerun",
    "a": "all",
    "q": "quit",
    "c-d": "quit",
}
ALL = "*"  # the picker's value for "every example"


def prompt_line(done: Example, upcoming: Example, index: int, total: int, width: int) -> str:
    """The key prompt shown after ``done`` ran, before example ``index`` (1-based) of ``total``.

    One line that fits ``width``: the next example's name is cut before the keys are."""
    keys = "  ·  r re-run  ·  a all the rest  ·  q quit"
    head = f"Enter: {index}/{total} "
    room = width - 1 - len(head) - len(keys)
    name = upcoming.name
    if len(name) > room:
        name = name[: max(room - 1, 1)] + "…"
    return (head + name + keys)[: width - 1]


def read_key(text: str, *, input: Input | None = None, output: Output | None = None) -> Action:
    """Show ``text`` on one line, wait for one of :data:`KEYS`, erase the line.

    Other keys are ignored. Ctrl-C raises KeyboardInterrupt (the command exits 130)."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import FormattedTextControl, Layout, Window

    bindings = KeyBindings()
    for key, action in KEYS.items():

        def done(event: KeyPressEvent, action: Action = action) -> None:
            event.app.exit(result=action)

        bindings.add(key)(done)

    @bindings.add("c-c")
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    @bindings.add("<any>")
    def _ignore(event: KeyPressEvent) -> None:
        pass

    app: Application[Action] = Application(
        layout=Layout(
            Window(  # a blank line, then the keys; both erased once a key is pressed
                FormattedTextControl([("", "\n"), ("reverse", f" {text} ")]),
                height=2,
                always_hide_cursor=True,
            )
        ),
        key_bindings=bindings,
        erase_when_done=True,  # the prompt leaves no trace in the scrollback
        input=input,
        output=output,
    )
    try:
        return app.run()
    except EOFError:  # the input closed: nobody is there to go on
        return "quit"


Ask = Callable[[str], Action]


@dataclass
class Pacer:
    """Yields example names one at a time, asking ``ask`` between two of them.

    After the last example nothing is asked: the run ends as an unpaced one does. ``stopped``
    tells afterwards whether the learner quit early, and after how many."""

    examples: Sequence[Example]
    ask: Ask
    width: int = 80
    shown: list[str] = field(default_factory=list)
    stopped: bool = False

    def __iter__(self) -> Iterator[str]:
        i, rest = 0, False
        total = len(self.examples)
        while i < total:
            self.shown.append(self.examples[i].name)
            yield self.examples[i].name
            if i + 1 == total:
                return
            if rest:
                i += 1
                continue
            action = self.ask(
                prompt_line(self.examples[i], self.examples[i + 1], i + 2, total, self.width)
            )
            if action == "quit":
                self.stopped = True
                return
            if action == "all":
                rest = True
            if action != "rerun":
                i += 1

    @property
    def distinct(self) -> int:
        return len(set(self.shown))


def pacer(
    examples: Sequence[Example],
    *,
    width: int,
    input: Input | None = None,
    output: Output | None = None,
) -> Pacer:
    """A :class:`Pacer` that reads its keys from the terminal (or the given prompt_toolkit
    input and output, in tests)."""
    return Pacer(examples, lambda text: read_key(text, input=input, output=output), width=width)


def stopped_line(demo: Demo, pacer: Pacer) -> str:
    """What to say when the learner quits before the last example."""
    total = len(pacer.examples)
    return (
        f"Stopped after {pacer.distinct} of {total} examples. "
        f"All at once: frcli demo {demo.name} --all"
    )


def pick_example(
    demo: Demo, *, input: Input | None = None, output: Output | None = None
) -> str | None:
    """After the demo is picked: every example (one at a time), or one of them.

    Returns an example name, :data:`ALL` for all of them, or None when the learner cancels."""
    import questionary

    examples = demo.meta.examples
    width = max(len(e.name) for e in examples) + 2
    choices = [
        questionary.Choice(title=f"All {len(examples)} examples, one at a time", value=ALL)
    ] + [questionary.Choice(title=f"{e.name:<{width}}{e.title}", value=e.name) for e in examples]
    question = questionary.select(
        f"Which example of {demo.name}?",
        choices=choices,
        input=input,
        output=output,
        use_shortcuts=False,
    )
    return question.unsafe_ask()
