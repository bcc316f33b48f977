"""When a question comes back: the FSRS scheduler (``fsrs`` package), one card per question.

A right answer is rated Good, a wrong one Again. There are no same-day learning steps: a quiz is
not a flash-card drill, so the next review is at least a day away (a wrong answer: about a day;
a first right answer: about two days; each further right answer stretches the interval).
Fuzzing is off so the same history always gives the same date.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache


@cache
def _scheduler():
    from fsrs import Scheduler

    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def review(
    card_json: str | None, correct: bool, now: datetime | None = None
) -> tuple[str, datetime]:
    """The card after this answer (as JSON) and when it is due again (aware UTC)."""
    from fsrs import Card, Rating

    now = now or datetime.now(UTC)
    card = Card.from_dict(json.loads(card_json)) if card_json else Card(card_id=1, due=now)
    card, _log = _scheduler().review_card(card, Rating.Good if correct else Rating.Again, now)
    return json.dumps(card.to_dict()), card.due
