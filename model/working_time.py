"""Working hours between two moments: Mon–Fri, from `start` to `end` local time, Russian public
holidays (and the government's transferred days off, as the `holidays` library keeps them) off."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
import numpy as np


@lru_cache(maxsize=64)
def _russian_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("RU", years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _russian_holidays(day.year)


def working_hours_between(a: datetime, b: datetime, start: int = 9, end: int = 18,
                          timezone: str = "Europe/Moscow") -> float:
    """Hours of working time in [a, b); naive datetimes are taken as UTC.

    >>> from datetime import datetime
    >>> working_hours_between(datetime(2026, 11, 20, 14), datetime(2026, 11, 23, 8))  # Fri 17:00 → Mon 11:00 MSK
    3.0
    """
    if b <= a:
        return 0.0
    zone = ZoneInfo(timezone)
    a_local = _aware(a).astimezone(zone)
    b_local = _aware(b).astimezone(zone)
    total = 0.0
    day = a_local.date()
    while day <= b_local.date():
        if is_working_day(day):
            open_at = datetime.combine(day, time(start), zone)
            close_at = datetime.combine(day, time(end), zone)
            lo, hi = max(open_at, a_local), min(close_at, b_local)
            if hi > lo:
                total += (hi - lo).total_seconds() / 3600
        day += timedelta(days=1)
    return total


def working_days_between(a: datetime, b: datetime, timezone: str = "Europe/Moscow") -> int:
    """Whole working days strictly after a's day up to and including b's day.

    >>> working_days_between(datetime(2026, 11, 20, 12), datetime(2026, 11, 23, 12))  # Fri → Mon
    1
    >>> working_days_between(datetime(2025, 12, 31, 12), datetime(2026, 1, 12, 12))  # New Year holidays
    1
    """
    return int(working_days_many([a], [b], timezone)[0])


def working_days_many(starts, ends, timezone: str = "Europe/Moscow") -> np.ndarray:
    """`working_days_between` for many pairs at once (numpy's business-day count)."""
    zone = ZoneInfo(timezone)
    first = np.array([_aware(a).astimezone(zone).date() for a in starts], dtype="datetime64[D]")
    last = np.array([_aware(b).astimezone(zone).date() for b in ends], dtype="datetime64[D]")
    if len(first) == 0:
        return np.zeros(0, dtype=int)
    years = range(int(str(min(first.min(), last.min()))[:4]), int(str(max(first.max(), last.max()))[:4]) + 1)
    days_off = np.array(sorted(d for y in years for d in _russian_holidays(y)), dtype="datetime64[D]")
    counts = np.busday_count(first + 1, last + 1, holidays=days_off)
    return np.maximum(counts, 0)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("UTC"))
