"""Page scoring job: an export's tables + the classifiers + the rubric → one scorecard per page."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from model.classifier import Bundle
from model.draft import check_draft
from model.io.exports import PageExport
from model.rubric import PageData, Rubric, Scorecard, last_full_quarter, score_page

TEXT_SAMPLE = 30  # posts per page whose draft score feeds text_quality (the check is ~3 ms a post)


def choose_period(posts: pd.DataFrame, start: datetime | None, end: datetime | None) -> tuple[datetime, datetime]:
    """The given bounds, or the last full calendar quarter before the newest post."""
    if start and end:
        return start, end
    newest = posts["published_at"].max() if len(posts) else pd.Timestamp.now(tz="UTC")
    q_start, q_end = last_full_quarter(newest.to_pydatetime())
    return start or q_start, end or q_end


def label_posts(posts: pd.DataFrame, bundle: Bundle) -> pd.DataFrame:
    posts = posts.copy()
    texts = posts["text"].fillna("").astype(str).tolist()
    posts["label"] = bundle.post_type.predict(texts) if texts else []
    scores = pd.Series(np.nan, index=posts.index)
    sample = posts.sort_values("published_at").index[-TEXT_SAMPLE:]  # the newest posts
    for index in sample:
        text = str(posts.at[index, "text"] or "")
        if text.strip():
            scores[index] = check_draft(text).score
    posts["text_score"] = scores
    return posts


def label_comments(comments: pd.DataFrame | None, bundle: Bundle) -> pd.DataFrame | None:
    if comments is None or bundle.needs_reply is None:
        return comments
    comments = comments.copy()
    from_page = comments["from_page"].fillna(False).astype(bool)
    comments["needs_reply"] = False
    citizens = comments.index[~from_page]
    if len(citizens):
        texts = comments.loc[citizens, "text"].fillna("").astype(str).tolist()
        comments.loc[citizens, "needs_reply"] = [bool(v) for v in bundle.needs_reply.predict(texts)]
    return comments


def score_export(export: PageExport, bundle: Bundle, rubric: Rubric, start: datetime | None = None,
                 end: datetime | None = None) -> list[Scorecard]:
    cards = []
    for page in export.pages.to_dict(orient="records"):
        page_id = page["page_id"]
        posts = export.posts[export.posts["page_id"] == page_id]
        period_start, period_end = choose_period(posts, start, end)
        in_period = posts[(posts["published_at"] >= period_start) & (posts["published_at"] < period_end)]
        comments = None
        if export.comments is not None:
            c = export.comments[export.comments["page_id"] == page_id]
            comments = c[(c["published_at"] >= period_start) & (c["published_at"] < period_end)]
        data = PageData(page, label_posts(in_period, bundle), label_comments(comments, bundle),
                        period_start, period_end, working_hours=rubric.hours)
        cards.append(score_page(data, rubric))
    return cards
