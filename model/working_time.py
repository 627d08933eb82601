"""Working hours between two moments: Mon–Fri, from `start` to `end` local time, Russian public
holidays (and the government's transferred days off, as the `holidays` library keeps them) off."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays


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
    """Whole working days strictly after a's day up to and including b's day."""
    zone = ZoneInfo(timezone)
    day, last = _aware(a).astimezone(zone).date(), _aware(b).astimezone(zone).date()
    count = 0
    while day < last:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("UTC"))
