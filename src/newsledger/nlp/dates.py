"""Resolve date expressions ("on Friday", "last week", "earlier this month") to ISO dates.

dateparser does the work, with the article's publication date as the base. The result
keeps the precision of the text: "in 2019" gives "2019", "last month" gives "2021-11".
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from dateparser.date import DateDataParser

_FILLER = re.compile(r"^(on|in|at|during|by|since|from|until|as of)\s+|\b(earlier|later|early|late|mid|the end of|the start of)\s+|-", re.I)
_WEEKEND = re.compile(r"\b(the )?weekend\b", re.I)
_PRECISION = {"day": 10, "week": 10, "time": 10, "month": 7, "year": 4}


_YEAR = re.compile(r"\b\d{4}\b")
_DATE_WORD = re.compile(
    r"\b(\d{4}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
    r"day|week|month|year|yesterday|today|tonight|ago|weekend)",
    re.I,
)


# A length of time, not a point in it: "eight years" (in prison), "three months", "the past
# two weeks" of talks. Anchored: "two years ago" or "in two weeks" are dates.
_DURATION = re.compile(
    r"(?:(?:about|around|nearly|almost|over|more than|less than|up to|at least|some|the|another|a further)\s+)*"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"several|few|a few|many|\d+(?:\.\d+)?|\d+-)\s*(?:and a half\s+)?"
    r"(?:hours?|days?|weeks?|months?|years?|decades?)(?:\s+and a half)?(?:[- ]long)?",
    re.I,
)


def is_duration(text: str) -> bool:
    """A length of time ("eight years", "more than two decades"), which dates nothing."""
    return _DURATION.fullmatch(text.strip()) is not None


_WEEKDAY = re.compile(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?", re.I)
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _nearest_weekday(name: str, base: str, prefer_past: bool) -> str | None:
    """"On Friday" in a story published on a Friday is that day (dateparser says a week
    earlier); otherwise the last such day, or the next one for future tense."""
    try:
        day = dt.date.fromisoformat(base[:10])
    except ValueError:
        return None
    wanted = _DAYS.index(name.lower())
    if prefer_past:
        return (day - dt.timedelta(days=(day.weekday() - wanted) % 7)).isoformat()
    return (day + dt.timedelta(days=(wanted - day.weekday()) % 7 or 7)).isoformat()


@functools.lru_cache(maxsize=64)
def _parser(base: str | None, prefer_past: bool) -> DateDataParser:
    settings: dict = {"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past" if prefer_past else "future"}
    if base:
        try:
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(base[:10])
        except ValueError:
            pass
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=4096)
def resolve_date(text: str, base: str | None, prefer_past: bool = True) -> str | None:
    """ISO date (or YYYY-MM / YYYY) for `text` relative to `base` (YYYY-MM-DD), or None."""
    if not _DATE_WORD.search(text):
        return None  # "three", "24-hour": numbers, not dates
    if base is None and not _YEAR.search(text):
        return None  # "on Friday" means nothing without the article's date
    cleaned = _WEEKEND.sub("Saturday", _FILLER.sub(" ", text)).strip()
    weekday = _WEEKDAY.fullmatch(cleaned)
    if weekday and base:
        return _nearest_weekday(weekday.group(1), base, prefer_past)
    try:
        data = _parser(base, prefer_past).get_date_data(cleaned)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    return data.date_obj.date().isoformat()[: _PRECISION.get(data.period or "day", 10)]


# A day told from the day the story last named: "the next day", "the following morning",
# "the day before"; dateparser would count it from the publication date.
_STORY_RELATIVE = re.compile(
    r"(?:the )?(?:(next|following) (?:day|morning|afternoon|evening|night)|(previous) (?:day|evening|night)|day (before|after))", re.I)


def days_after_story_day(text: str) -> int | None:
    """+1 for "the next day", -1 for "the day before", None for any other date phrase."""
    found = _STORY_RELATIVE.fullmatch(_FILLER.sub(" ", text).strip())
    if found is None:
        return None
    return -1 if found.group(2) or found.group(3) == "before" else 1


def is_historical(date: str | None, published: str | None, days: int = 365) -> bool:
    """An event dated more than a year before the article is history, not news."""
    if not date or not published:
        return False
    try:
        event = dt.date.fromisoformat((date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10])
        base = dt.date.fromisoformat(published[:10])
    except ValueError:
        return False
    if len(date) == 4:  # "in 2019": a whole calendar year between them
        return int(date) < base.year - 1
    return (base - event).days > days


class StoryDays:
    """The days a story has told so far, for the acts it does not date itself: "Police fired
    on traders in Kano on Tuesday ... Several hundred traders staged a sit-in" (that Tuesday,
    not the day of publication), "... met on August 2. The next day Beijing announced"."""

    # How recent a told day must be for the story's undated acts to share it (not the
    # background: "in 2019 the army seized power"; nor an act still to come).
    RECENT = range(0, 8)

    def __init__(self, published: str | None) -> None:
        self.published = published
        self.story_day: str | None = None  # the latest recent day an asserted act was told for
        self.last_day: str | None = None  # the latest day the text named, for "the next day"

    def settle(self, date: str | None, date_text: str | None, modality: str) -> str | None:
        """The date of an act coded `date` from `date_text` (None: not dated by its own words).
        A promise or a threat is dated by when it was made, so it takes the story's day too;
        only an asserted act sets that day."""
        if date_text is None:
            return self.story_day or date
        shift = days_after_story_day(date_text)
        if shift is not None:
            if self.last_day is None:
                return date
            date = (dt.date.fromisoformat(self.last_day) + dt.timedelta(days=shift)).isoformat()
        if date and len(date) == 10:
            self.last_day = date
            if modality == "asserted" and self._days_before(date) in self.RECENT:
                self.story_day = date
        return date

    def _days_before(self, date: str) -> int | None:
        if not self.published:
            return None
        try:
            return (dt.date.fromisoformat(self.published[:10]) - dt.date.fromisoformat(date)).days
        except ValueError:
            return None
