"""Days and minutes relative to now, as the quiz and `frcli progress` say them.

Standard library only: `frcli progress` shows these without importing the quiz flow (and
pydantic with it).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta


def when(t: datetime, now: datetime | None = None, *, due: bool = True) -> str:
    """A day relative to now: 'tomorrow', 'in 3 days', 'yesterday', '4 days ago', or a date.

    For a due time (``due=True``) a moment already past is 'now' and one within the hour is
    'in N minutes'; for something that happened (``due=False``) today is 'today'.
    """
    now = now or datetime.now(UTC)
    if due and now < t < now + timedelta(hours=1):  # a relearning step: minutes away
        minutes = max(1, math.ceil((t - now).total_seconds() / 60))
        return f"in {minutes} minute{'s' * (minutes != 1)}"
    days = (t.astimezone().date() - now.astimezone().date()).days
    if days == 0 or (due and days < 0):
        return "today" if (t >= now or not due) else "now"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if 1 < days < 30:
        return f"in {days} days"
    if -30 < days < -1:
        return f"{-days} days ago"
    return t.astimezone().strftime("%Y-%m-%d")
