"""The quality-mark rubric: criteria as small functions of a page's canonical tables.

Each criterion reads a :class:`PageData` (the page's profile row, its posts and comments within the
period, posts already labelled with their type and draft score, comments with `needs_reply`) and
its own section of the rubric TOML, and returns a :class:`CriterionResult`. A criterion whose data
was not exported is not applicable: it is left out and the other weights are renormalised.
"""

from __future__ import annotations

import hashlib
import math
import re
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from model.working_time import working_days_many, working_hours_between

DEFAULT_RUBRIC = Path(__file__).with_name("rubric.toml")
POST_TYPES = ("official", "useful", "interactive", "entertaining")


@dataclass(frozen=True)
class Rubric:
    name: str
    source: str
    sha256: str
    raw: dict

    def criterion(self, key: str) -> dict:
        return self.raw["criteria"][key]

    @property
    def hours(self) -> dict:
        return self.raw.get("working_hours", {"start": 9, "end": 18, "timezone": "Europe/Moscow"})


def load_rubric(path: Path | None = None) -> Rubric:
    path = Path(path or DEFAULT_RUBRIC)
    try:
        data = path.read_bytes()
        raw = tomllib.loads(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"Не удалось прочитать правила оценки {path}: {exc}") from exc
    unknown = set(raw.get("criteria", {})) - set(CRITERIA)
    missing = set(CRITERIA) - set(raw.get("criteria", {}))
    if unknown or missing:
        raise ValueError(f"{path}: неизвестные критерии {sorted(unknown)}, нет критериев {sorted(missing)}")
    return Rubric(raw.get("name", path.stem), str(path), hashlib.sha256(data).hexdigest(), raw)


@dataclass(frozen=True)
class PageData:
    page: dict
    posts: pd.DataFrame  # within the period; columns of the canonical posts table + label, text_score
    comments: pd.DataFrame | None  # None when comments were not exported; + needs_reply
    start: datetime
    end: datetime
    working_hours: dict = field(default_factory=dict)  # start, end, timezone of the rubric

    @property
    def days(self) -> float:
        return max(1.0, (self.end - self.start).total_seconds() / 86400)


@dataclass(frozen=True)
class CriterionResult:
    key: str
    title: str
    value: float | None
    points: float
    max_points: float
    applicable: bool
    explanation: str  # one line in Russian: what to improve (or why not applicable)


def _linear(value: float, zero: float, full: float) -> float:
    """0 at `zero`, 1 at `full`, linear between, clipped; works for either direction."""
    if full == zero:
        return 1.0 if value >= full else 0.0
    return min(1.0, max(0.0, (value - zero) / (full - zero)))


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value != ""


def _column_exported(frame: pd.DataFrame | None, column: str) -> bool:
    return frame is not None and column in frame.columns and frame[column].notna().any()


Criterion = Callable[[PageData, dict], tuple[float | None, float | None, str]]
# each returns (value, fraction of the weight earned or None when not applicable, explanation)


def verified(data: PageData, cfg: dict):
    value = data.page.get("verified")
    if not _present(value):
        return None, None, "Отметка не выгружена."
    ok = bool(value)
    return float(ok), float(ok), "Есть." if ok else "Получите отметку «Госорганизация» через Госуслуги."


def profile(data: PageData, cfg: dict):
    fields = [data.page.get("has_avatar"), data.page.get("has_cover"), data.page.get("description")]
    if not any(_present(f) for f in fields):
        return None, None, "Оформление не выгружено."
    description = str(fields[2] or "")
    parts = {"аватар": bool(fields[0]), "обложку": bool(fields[1]),
             f"описание от {cfg['min_description']} знаков": len(description) >= cfg["min_description"]}
    missing = [name for name, ok in parts.items() if not ok]
    share = 1 - len(missing) / 3
    return share, share, ("Добавьте " + ", ".join(missing) + ".") if missing else "Всё на месте."


_FOUND_IN_TEXT = {
    "phone": re.compile(r"(?:\+7|\b8)[\s(-]*\d{3,5}[\s)-]*\d{1,3}[\s-]*\d{2}[\s-]*\d{2}"),
    "email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    "address": re.compile(r"\b(?:ул\.|улица|пр-т|проспект|пер\.|д\.\s*\d)", re.IGNORECASE),
    "hours": re.compile(r"\b(?:пн|понедельник|часы работы|режим работы|\d{1,2}[:.]\d{2}\s*[-–—]\s*\d{1,2}[:.]\d{2})",
                        re.IGNORECASE),
    "site": re.compile(r"https?://|(?<![@\w.])[\w-]+\.(?:ru|рф|su)\b", re.IGNORECASE),
}
_CONTACT_NAMES = {"phone": "телефон", "email": "e-mail", "address": "адрес", "hours": "часы работы",
                  "site": "ссылку на официальный сайт"}


def contacts(data: PageData, cfg: dict):
    description = str(data.page.get("description") or "")
    found = {key for key in _CONTACT_NAMES
             if _present(data.page.get(key)) or _FOUND_IN_TEXT[key].search(description)}
    share = len(found) / len(_CONTACT_NAMES)
    missing = [name for key, name in _CONTACT_NAMES.items() if key not in found]
    return share, share, ("Укажите " + ", ".join(missing) + ".") if missing else "Все контакты есть."


def _weeks(data: PageData) -> list[tuple[int, int]]:
    weeks, day = [], data.start.date()
    while day < data.end.date() or not weeks:
        week = tuple(day.isocalendar()[:2])
        if week not in weeks:
            weeks.append(week)
        day += timedelta(days=1)
    return weeks


def weekly_rhythm(data: PageData, cfg: dict):
    weeks = _weeks(data)
    counts = data.posts["published_at"].map(lambda t: tuple(t.isocalendar()[:2])).value_counts()
    good = sum(1 for w in weeks if counts.get(w, 0) >= cfg["posts_per_week"])
    share = good / len(weeks)
    return share, _linear(share, 0, cfg["full_share"]), (
        f"Недель с {cfg['posts_per_week']}+ постами: {good} из {len(weeks)}. Публикуйте не реже "
        f"{cfg['posts_per_week']} раз в неделю." if share < cfg["full_share"] else "Ритм ровный.")


def no_silence(data: PageData, cfg: dict):
    times = sorted(data.posts["published_at"])
    if len(times) < 2:
        gap = data.days
    else:
        gap = max((b - a).total_seconds() / 86400 for a, b in zip(times, times[1:], strict=False))
    fraction = _linear(gap, cfg["zero_days"], cfg["full_days"])
    return round(gap, 1), fraction, (f"Самый долгий перерыв — {gap:.0f} дн.; не молчите дольше "
                                     f"{cfg['full_days']} дней." if fraction < 1 else "Долгих перерывов нет.")


@dataclass(frozen=True)
class Questions:
    """Citizens' comments that need an answer, with the time of the page's first reply."""

    asked: pd.Series  # published_at of each question
    answered: pd.Series  # published_at of the first reply, NaT when none


def questions_of(data: PageData) -> Questions | None:
    comments = data.comments
    if comments is None or "needs_reply" not in comments.columns:
        return None
    from_page = comments["from_page"].fillna(False).astype(bool)
    asks = comments[~from_page & comments["needs_reply"].fillna(False).astype(bool)]
    replies = comments[from_page & comments["reply_to"].notna()]
    first_reply = replies.groupby(replies["reply_to"].astype(str))["published_at"].min()
    answered = pd.to_datetime(asks["comment_id"].astype(str).map(first_reply.to_dict()), utc=True)
    answered = answered.where(answered > asks["published_at"])
    return Questions(asks["published_at"].reset_index(drop=True), answered.reset_index(drop=True))


def reply_coverage(data: PageData, cfg: dict):
    questions = questions_of(data)
    if questions is None:
        return None, None, "Комментарии не выгружены."
    if len(questions.asked) == 0:
        return None, None, "Вопросов и жалоб за период не было."
    share = float(questions.answered.notna().mean())
    missed = int(questions.answered.isna().sum())
    return share, _linear(share, 0, cfg["full_share"]), (
        f"Без ответа {missed} вопросов и жалоб из {len(questions.asked)}: отвечайте на каждый."
        if missed else "Ответ получил каждый.")


def reply_speed(data: PageData, cfg: dict):
    questions = questions_of(data)
    if questions is None or questions.answered.notna().sum() == 0:
        return None, None, "Нет ответов, по которым можно измерить скорость."
    hours = [working_hours_between(a.to_pydatetime(), b.to_pydatetime(), **data.working_hours)
             for a, b in zip(questions.asked, questions.answered, strict=True) if pd.notna(b)]
    median = float(pd.Series(hours).median())
    fraction = _linear(median, cfg["zero_hours"], cfg["full_hours"])
    return round(median, 1), fraction, (f"Медиана ответа — {median:.0f} рабочих ч.; отвечайте в пределах "
                                        f"{cfg['full_hours']} рабочих часов." if fraction < 1 else "Отвечаете быстро.")


def _mean_percent_of_subscribers(data: PageData, columns: list[str]) -> float | None:
    """Mean over posts of sum(columns) / subscribers × 100; None when either was not exported."""
    subscribers = data.page.get("subscribers")
    if not _present(subscribers) or subscribers <= 0 or not _column_exported(data.posts, columns[0]):
        return None
    return float((data.posts[columns].fillna(0).sum(axis=1) / subscribers * 100).mean())


def er(data: PageData, cfg: dict):
    value = _mean_percent_of_subscribers(data, ["likes", "reposts", "comments"])
    if value is None:
        return None, None, "Нет числа подписчиков или реакций."
    fraction = _linear(value, 0, cfg["full_percent"])
    return round(value, 2), fraction, (f"ER {value:.1f} % — задавайте вопросы, публикуйте то, чем хочется "
                                       "поделиться." if fraction < 1 else "Вовлечённость высокая.")


def reach(data: PageData, cfg: dict):
    value = _mean_percent_of_subscribers(data, ["views"])
    if value is None:
        return None, None, "Просмотры не выгружены."
    fraction = _linear(value, cfg["zero_percent"], cfg["full_percent"])
    return round(value, 1), fraction, (f"Пост видят {value:.0f} % подписчиков: публикуйте в часы активности."
                                       if fraction < 1 else "Охват высокий.")


def content_mix(data: PageData, cfg: dict):
    if data.posts.empty:
        return None, 0.0, "Постов за период нет."
    shares = data.posts["label"].value_counts(normalize=True).reindex(list(POST_TYPES), fill_value=0.0)
    needed = max(1, math.ceil(data.days / cfg["interactive_every_days"]))
    interactive = int((data.posts["label"] == "interactive").sum())
    parts = [
        _linear(shares["official"], 1.0, cfg["max_official"]),
        min(min(1.0, s / cfg["min_each"]) for s in shares) if cfg["min_each"] else 1.0,
        min(1.0, interactive / needed),
    ]
    advice = []
    if shares["official"] > cfg["max_official"]:
        advice.append(f"официальных {shares['official']:.0%} — разбавьте полезными и живыми постами")
    rare = [t for t in POST_TYPES if shares[t] < cfg["min_each"]]
    if rare:
        advice.append("мало постов типа " + ", ".join(rare))
    if interactive < needed:
        advice.append(f"интерактивных {interactive}, нужно хотя бы {needed}")
    return round(float(shares["official"]), 3), sum(parts) / 3, (
        "; ".join(advice).capitalize() + "." if advice else "Хороший баланс типов.")


def formats(data: PageData, cfg: dict):
    if not _column_exported(data.posts, "attachments"):
        return None, None, "Вложения не выгружены."
    if data.posts.empty:
        return 0.0, 0.0, "Постов за период нет."
    kinds = data.posts["attachments"].fillna("").map(lambda a: {k.strip() for k in str(a).split(",") if k.strip()})
    media = float(kinds.map(lambda k: bool(k & {"photo", "video", "clip"})).mean())
    has_poll = bool(kinds.map(lambda k: "poll" in k).any())
    has_video = bool(kinds.map(lambda k: bool(k & {"video", "clip"})).any())
    fraction = 0.6 * _linear(media, 0, cfg["media_share"]) + 0.2 * has_poll + 0.2 * has_video
    advice = [f"с фото или видео {media:.0%} постов"] if media < cfg["media_share"] else []
    advice += [] if has_poll else ["нет ни одного опроса"]
    advice += [] if has_video else ["нет видео"]
    return round(media, 3), fraction, ("; ".join(advice).capitalize() + "." if advice else "Форматы разнообразны.")


def text_quality(data: PageData, cfg: dict):
    if data.posts.empty or "text_score" not in data.posts.columns:
        return None, None, "Нет текстов за период."
    value = float(data.posts["text_score"].mean())
    fraction = _linear(value, cfg["zero_score"], cfg["full_score"])
    return round(value, 1), fraction, (f"Средняя оценка текстов {value:.1f}: проверяйте черновики в znak."
                                       if fraction < 1 else "Тексты ясные.")


CRITERIA: dict[str, Criterion] = {
    "verified": verified, "profile": profile, "contacts": contacts,
    "weekly_rhythm": weekly_rhythm, "no_silence": no_silence,
    "reply_coverage": reply_coverage, "reply_speed": reply_speed,
    "er": er, "reach": reach,
    "content_mix": content_mix, "formats": formats,
    "text_quality": text_quality,
}


@dataclass(frozen=True)
class Scorecard:
    page_id: str
    name: str
    sphere: str
    total: float
    eligible: bool
    eligibility_reasons: list[str]
    criteria: list[CriterionResult]
    rubric: str
    rubric_sha256: str
    period: tuple[str, str]
    not_applicable: list[str] = field(default_factory=list)
    post_counts: dict[str, int] = field(default_factory=dict)  # posts of each type in the period

    def criterion(self, key: str) -> CriterionResult:
        return next(c for c in self.criteria if c.key == key)

    def to_dict(self) -> dict:
        return asdict(self)


def score_page(data: PageData, rubric: Rubric) -> Scorecard:
    results = []
    for key, criterion in CRITERIA.items():
        cfg = rubric.criterion(key)
        value, fraction, explanation = criterion(data, cfg)
        applicable = fraction is not None
        weight = float(cfg["weight"])
        results.append(CriterionResult(key, cfg.get("title", key), value,
                                       round(weight * fraction, 2) if applicable else 0.0, weight,
                                       applicable, explanation))
    applicable = [r for r in results if r.applicable]
    possible = sum(r.max_points for r in applicable)
    total = round(100 * sum(r.points for r in applicable) / possible, 1) if possible else 0.0
    reasons = eligibility_reasons(data, rubric, total, results)
    return Scorecard(
        page_id=str(data.page.get("page_id")), name=str(data.page.get("name", "")),
        sphere=str(data.page.get("sphere") or "other"), total=total, eligible=not reasons,
        eligibility_reasons=reasons or ["Все условия знака качества выполнены."], criteria=results,
        rubric=rubric.name, rubric_sha256=rubric.sha256,
        period=(data.start.date().isoformat(), data.end.date().isoformat()),
        not_applicable=[r.key for r in results if not r.applicable],
        post_counts=_post_counts(data.posts),
    )


def _post_counts(posts: pd.DataFrame) -> dict[str, int]:
    if "label" not in posts.columns:
        return {}
    counts = posts["label"].value_counts()
    return {t: int(counts.get(t, 0)) for t in POST_TYPES}


def eligibility_reasons(data: PageData, rubric: Rubric, total: float,
                        results: list[CriterionResult]) -> list[str]:
    rules = rubric.raw["eligibility"]
    by_key = {r.key: r for r in results}
    reasons = []
    if total < rules["min_total"]:
        reasons.append(f"Итог {total} меньше {rules['min_total']}.")
    if rules.get("require_verified") and by_key["verified"].value != 1.0:
        reasons.append("Нет отметки «Госорганизация»." if by_key["verified"].applicable
                       else "Отметка «Госорганизация» не выгружена: проверить нельзя.")
    contacts_share = by_key["contacts"].points / by_key["contacts"].max_points
    if contacts_share < rules["min_contacts_share"]:
        reasons.append(f"Контакты заполнены на {contacts_share:.0%}, нужно от {rules['min_contacts_share']:.0%}.")
    per_week = len(data.posts) / (data.days / 7)
    if per_week < rules["min_posts_per_week"]:
        reasons.append(f"В среднем {per_week:.1f} поста в неделю, нужно от {rules['min_posts_per_week']}.")
    questions = questions_of(data)
    if questions is not None and len(questions.asked):
        limit = rules["max_unanswered_working_days"]
        until = questions.answered.fillna(pd.Timestamp(data.end))
        days = working_days_many([t.to_pydatetime() for t in questions.asked], [t.to_pydatetime() for t in until],
                                 data.working_hours.get("timezone", "Europe/Moscow"))
        late = int((days > limit).sum())
        if late:
            reasons.append(f"Вопросов и жалоб без ответа дольше {limit} рабочих дней: {late}.")
    return reasons


def last_full_quarter(newest: datetime) -> tuple[datetime, datetime]:
    """The last calendar quarter that ends on or before the day of the newest post."""
    quarter_start_month = 3 * ((newest.month - 1) // 3) + 1
    current = datetime(newest.year, quarter_start_month, 1, tzinfo=newest.tzinfo)
    if newest.date() == (_add_months(current, 3) - timedelta(days=1)).date():
        return current, _add_months(current, 3)
    return _add_months(current, -3), current


def _add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    return moment.replace(year=moment.year + month // 12, month=month % 12 + 1, day=1)


def rank(cards: list[Scorecard], rubric: Rubric) -> pd.DataFrame:
    """One row per page: totals, ranks overall and in sphere, points per criterion."""
    rows = []
    for card in cards:
        row = {"page_id": card.page_id, "name": card.name, "sphere": card.sphere, "total": card.total,
               "eligible": card.eligible}
        for c in card.criteria:
            row[f"points_{c.key}"] = c.points if c.applicable else None
            row[f"_value_{c.key}"] = c.value
        rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    keys = ["total"] + [f"_value_{k}" for k in rubric.raw["ranking"]["tie_breakers"]]
    frame = frame.sort_values(keys, ascending=False, na_position="last", kind="stable").reset_index(drop=True)
    frame.insert(5, "rank", range(1, len(frame) + 1))
    frame.insert(6, "rank_in_sphere", frame.groupby("sphere").cumcount() + 1)
    return frame.drop(columns=[c for c in frame.columns if c.startswith("_value_")])

