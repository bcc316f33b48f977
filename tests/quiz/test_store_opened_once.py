"""A command that reads the progress store opens it once and hands it along (each opening
runs SQLite's quick_check): `frcli progress`, the welcome, and the quiz's exercise offer."""

from __future__ import annotations

import io

import pytest

from fastapi_responses_cli.quiz import flow, session
from fastapi_responses_cli.quiz.model import load_topic
from fastapi_responses_cli.quiz.store import Store


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Filled with a 1 each time a Store is opened, once the learner has some progress."""
    with Store() as store:
        store.record("response-models", "exclude-none", False, ["x"])
        store.record_exercise("hide-password", "start")
        store.mark_path("response-models", "demo")
    count: list[int] = []
    real = Store.__init__

    def init(self: Store, *args: object, **kwargs: object) -> None:
        count.append(1)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "__init__", init)
    return count


@pytest.mark.parametrize("as_json", [True, False])
def test_progress_opens_the_store_once(opened, capsys, as_json):
    from fastapi_responses_cli.commands.progress import show_progress

    assert show_progress(as_json=as_json) == 0
    out = capsys.readouterr().out
    assert "response-models" in out and "hide-password" in out
    assert len(opened) == 1


def test_the_welcome_opens_the_store_once(opened, capsys):
    from fastapi_responses_cli.commands.welcome import show_welcome

    assert show_welcome() == 0
    out = capsys.readouterr().out
    assert "Your quizzes: 1 of" in out and "Your path: step" in out
    assert len(opened) == 1


def test_the_quiz_offer_reads_the_quizs_own_store(opened, capsys):
    linked = {"hide-a-secret-field", "response-model-wins"}  # hide-password's, started
    asked = session.plan(load_topic("response-models"), seed=3)
    asked = [a for a in asked if a.question.id in linked]
    wrong = [str(min(set(range(len(a.choices))) - a.right) + 1) for a in asked]
    with Store() as store:
        flow.QuizRun(
            flow.quiz_console(True),
            store,
            asked,
            interactive=False,
            show_topic=False,
            no_color=True,
            stdin=io.StringIO("\n".join(wrong) + "\n"),
        ).run()
    out = capsys.readouterr().out
    assert out.count("Your exercise on this: frcli exercise watch hide-password") == 2
    assert len(opened) == 1  # the quiz's own: the offers read the exercises from it
