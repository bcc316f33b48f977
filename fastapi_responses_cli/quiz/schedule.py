"""When a question comes back: the FSRS scheduler (``fsrs`` package), one card per question.

A right answer is rated Good, a wrong one Again. A wrong answer comes back soon: one learning
(new card) or relearning (a card that was known) step of ``STEP`` minutes, so ``frcli quiz
--review`` offers it again the same sitting; answered right then, it graduates (about a day).
A first right answer graduates at once (one step only, and Good on the last step graduates):
about two days; each further right answer stretches the interval. Fuzzing is off so the same
history always gives the same date.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

STEP = timedelta(minutes=10)  # fsrs' own default relearning step


@cache
def _scheduler() -> Any:
    from fsrs import Scheduler

    return Scheduler(learning_steps=(STEP,), relearning_steps=(STEP,), enable_fuzzing=False)


def review(
    card_json: str | None, correct: bool, now: datetime | None = None
) -> tuple[str, datetime]:
    """The card after this answer (as JSON) and when it is due again (aware UTC)."""
    from fsrs import Card, Rating

    now = now or datetime.now(UTC)
    card = Card.from_dict(json.loads(card_json)) if card_json else Card(card_id=1, due=now)
    card, _log = _scheduler().review_card(card, Rating.Good if correct else Rating.Again, now)
    return json.dumps(card.to_dict()), card.due
