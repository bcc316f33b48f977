"""The progress overview counts only questions still in the quiz files: no phantom "due"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi_responses_cli.quiz.store import Store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_card_for_a_question_no_longer_in_the_file_is_never_due():
    with Store() as store:
        # Wrong answers come back within a day or so: both cards are due two days later.
        store.record("cors", "still-here", False, ["a"], now=T0)
        store.record("cors", "removed-since", False, ["b"], now=T0)
        store.record("gone-topic", "whatever", False, ["c"], now=T0)
        later = T0 + timedelta(days=2)
        assert {(d.topic, d.question) for d in store.due_questions(now=later)} == {
            ("cors", "still-here"),
            ("cors", "removed-since"),
            ("gone-topic", "whatever"),
        }
        known = {"cors": ("CORS", {"still-here", "never-answered"})}
        (row,) = store.overview(known, now=later)
    assert row["topic"] == "cors"
    assert row["due"] == 1  # still-here only: removed-since is not in the file any more
    assert row["answered"] == 1 and row["attempts"] == 1


def test_next_due_ignores_cards_of_removed_questions():
    with Store() as store:
        store.record("cors", "removed-since", False, ["a"], now=T0)  # due soon
        store.record("cors", "still-here", True, ["b"], now=T0)  # due days later
        schedule = store.schedule("cors")
        known = {"cors": ("CORS", {"still-here"})}
        (row,) = store.overview(known, now=T0)
    assert schedule[("cors", "removed-since")] < schedule[("cors", "still-here")]
    assert row["due"] == 0
    assert row["next_due"] == schedule[("cors", "still-here")].isoformat()
