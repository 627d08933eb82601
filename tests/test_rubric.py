"""Rubric criteria at their thresholds, with data not exported, and on a page with no posts."""

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from model.rubric import PageData, last_full_quarter, load_rubric, rank, score_page

START = datetime(2026, 7, 1, tzinfo=UTC)
END = datetime(2026, 10, 1, tzinfo=UTC)
RUBRIC = load_rubric()
FULL_PAGE = {"page_id": "p1", "name": "МБОУ СОШ № 1", "sphere": "education", "subscribers": 1000,
             "description": "Официальная страница школы № 1 города Вологды. Новости, расписание, приём.",
             "has_avatar": True, "has_cover": True, "verified": True, "site": "https://school1.ru",
             "phone": "+7 (8172) 55-12-30", "email": "school1@edu.ru", "address": "ул. Ленина, 1",
             "hours": "пн–пт 8:00–17:00"}


def posts_every(days: float, n: int | None = None, **columns) -> pd.DataFrame:
    count = n if n is not None else int((END - START).days / days)
    times = [START + timedelta(days=days * i, hours=10) for i in range(count)]
    labels = ["official", "useful", "interactive", "entertaining"]
    frame = pd.DataFrame({"post_id": range(count), "published_at": times, "text": "текст",
                          "label": [labels[i % 4] for i in range(count)], "text_score": 8.0,
                          "views": 800, "likes": 30, "reposts": 5, "comments": 2,
                          "attachments": ["photo,video" if i % 10 else "photo,poll" for i in range(count)]})
    for name, value in columns.items():
        frame[name] = value
    return frame


def page(posts=None, comments=None, **profile) -> PageData:
    return PageData({**FULL_PAGE, **profile}, posts if posts is not None else posts_every(2),
                    comments, START, END)


def points(card, key):
    result = card.criterion(key)
    return result.points / result.max_points if result.applicable else None


def test_good_page_scores_full_marks_where_exported():
    card = score_page(page(), RUBRIC)
    for key in ("verified", "profile", "contacts", "weekly_rhythm", "no_silence", "er", "reach",
                "content_mix", "formats", "text_quality"):
        assert points(card, key) == pytest.approx(1.0), key
    assert card.not_applicable == ["reply_coverage", "reply_speed"]  # no comments exported
    assert card.total == 100.0


@pytest.mark.parametrize("every, expected", [(7 / 3, 1.0), (3.5, 0.0)])
def test_weekly_rhythm_threshold(every, expected):
    assert points(score_page(page(posts_every(every)), RUBRIC), "weekly_rhythm") == pytest.approx(expected, abs=0.15)


@pytest.mark.parametrize("gap_days, expected", [(7, 1.0), (14, 0.5), (21, 0.0), (30, 0.0)])
def test_no_silence_is_linear_between_7_and_21_days(gap_days, expected):
    posts = posts_every(1, n=2)
    posts.loc[1, "published_at"] = posts.loc[0, "published_at"] + timedelta(days=gap_days)
    assert points(score_page(page(posts), RUBRIC), "no_silence") == pytest.approx(expected)


@pytest.mark.parametrize("views, expected", [(700, 1.0), (400, 0.5), (100, 0.0)])
def test_reach(views, expected):
    assert points(score_page(page(posts_every(2, views=views)), RUBRIC), "reach") == pytest.approx(expected)


def test_views_not_exported_is_not_applicable():
    card = score_page(page(posts_every(2, views=None)), RUBRIC)
    assert "reach" in card.not_applicable
    assert card.criterion("reach").explanation == "Просмотры не выгружены."


@pytest.mark.parametrize("likes, expected", [(28, 1.0), (8, 0.5)])
def test_er(likes, expected):
    # (likes + 5 reposts + 2 comments) / 1000 subscribers × 100
    assert points(score_page(page(posts_every(2, likes=likes)), RUBRIC), "er") == pytest.approx(expected)


def comments_for(answers: list[float | None]) -> pd.DataFrame:
    """One citizen question per entry, answered after that many hours (None: never)."""
    rows = []
    for i, hours in enumerate(answers):
        asked = datetime(2026, 9, 1, 7, tzinfo=UTC) + timedelta(days=7 * (i % 3))  # Tue 10:00 MSK
        rows.append({"post_id": 0, "comment_id": f"q{i}", "published_at": asked, "text": "когда?",
                     "from_page": False, "reply_to": None, "needs_reply": True})
        if hours is not None:
            rows.append({"post_id": 0, "comment_id": f"a{i}", "published_at": asked + timedelta(hours=hours),
                         "text": "ответ", "from_page": True, "reply_to": f"q{i}", "needs_reply": False})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("answers, expected", [([1] * 9 + [None], 1.0), ([1] * 9 + [None] * 11, 0.5)])
def test_reply_coverage(answers, expected):
    card = score_page(page(comments=comments_for(answers)), RUBRIC)
    assert points(card, "reply_coverage") == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("hours, expected", [(8, 1.0), (2, 1.0)])
def test_reply_speed_in_working_hours(hours, expected):
    card = score_page(page(comments=comments_for([hours] * 3)), RUBRIC)
    assert points(card, "reply_speed") == pytest.approx(expected)


def test_reply_over_a_weekend_counts_working_hours_only():
    friday_evening = datetime(2026, 9, 4, 14, tzinfo=UTC)  # Fri 17:00 MSK
    comments = pd.DataFrame([
        {"comment_id": "q", "published_at": friday_evening, "from_page": False, "reply_to": None,
         "needs_reply": True, "post_id": 0, "text": "?"},
        {"comment_id": "a", "published_at": friday_evening + timedelta(days=3), "from_page": True,
         "reply_to": "q", "needs_reply": False, "post_id": 0, "text": "!"},
    ])
    assert score_page(page(comments=comments), RUBRIC).criterion("reply_speed").value == 9.0


def test_unanswered_question_blocks_the_mark():
    card = score_page(page(comments=comments_for([None])), RUBRIC)
    assert not card.eligible
    assert any("без ответа" in reason for reason in card.eligibility_reasons)


def test_content_mix_official_heavy():
    posts = posts_every(2)
    posts["label"] = "official"
    card = score_page(page(posts), RUBRIC)
    assert points(card, "content_mix") < 0.2
    assert "Официальных 100%" in card.criterion("content_mix").explanation


def test_contacts_found_in_description():
    bare = {k: None for k in ("site", "phone", "email", "address", "hours")}
    card = score_page(page(**bare, description="Тел. 8 (8172) 55-12-30, school@edu.ru, ул. Мира, 3"), RUBRIC)
    assert points(card, "contacts") == pytest.approx(0.6)


def test_page_with_no_posts():
    card = score_page(page(posts_every(2, n=0)), RUBRIC)
    assert points(card, "weekly_rhythm") == 0.0 and points(card, "no_silence") == 0.0
    assert "text_quality" in card.not_applicable
    assert not card.eligible


def test_eligibility_needs_verified():
    card = score_page(page(verified=False), RUBRIC)
    assert not card.eligible and "Нет отметки «Госорганизация»." in card.eligibility_reasons
    assert score_page(page(), RUBRIC).eligible


def test_last_full_quarter():
    assert last_full_quarter(datetime(2026, 11, 23)) == (datetime(2026, 7, 1), datetime(2026, 10, 1))
    assert last_full_quarter(datetime(2026, 9, 30, 12)) == (datetime(2026, 7, 1), datetime(2026, 10, 1))


def test_ranking_with_ties_and_spheres():
    a = score_page(page(page_id="a"), RUBRIC)
    b = score_page(page(page_id="b", sphere="culture", comments=comments_for([1, 1])), RUBRIC)
    c = score_page(page(page_id="c", verified=False), RUBRIC)
    table = rank([c, a, b], RUBRIC)
    assert list(table["page_id"]) == ["b", "a", "c"]  # a and b tie on 100; b wins on reply coverage
    assert list(table["rank"]) == [1, 2, 3]
    assert dict(zip(table["page_id"], table["rank_in_sphere"], strict=True)) == {"b": 1, "a": 1, "c": 2}
    assert "points_reply_coverage" in table.columns
