"""Checks that fail when the labelled corpus in training_data/ breaks its data card."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from model.classifier import POST_LABELS
from model.corpus import (
    COMMENT_COLUMNS,
    PLATFORMS,
    POST_COLUMNS,
    data_card_tables,
    load_comments,
    load_posts,
)

DATA = Path(__file__).resolve().parent.parent / "training_data"


@pytest.fixture(scope="module")
def posts() -> pd.DataFrame:
    return load_posts(DATA / "posts.csv")


@pytest.fixture(scope="module")
def comments() -> pd.DataFrame:
    return load_comments(DATA / "comments.csv")


def near_duplicate_share(texts: list[str], threshold: float = 0.6) -> float:
    """Share of texts with a partner whose word-3-shingle Jaccard similarity is ≥ threshold."""
    shingles = CountVectorizer(analyzer="word", ngram_range=(3, 3), binary=True,
                               token_pattern=r"(?u)\b\w+\b", lowercase=True)
    X = shingles.fit_transform(texts).astype(np.int32)
    sizes = np.asarray(X.sum(axis=1)).ravel()
    overlap = (X @ X.T).tocoo()
    keep = overlap.row < overlap.col
    rows, cols, inter = overlap.row[keep], overlap.col[keep], overlap.data[keep]
    jaccard = inter / (sizes[rows] + sizes[cols] - inter)
    flagged = set(rows[jaccard >= threshold]) | set(cols[jaccard >= threshold])
    return len(flagged) / len(texts)


def test_near_duplicate_share_detects_copies():
    base = "Глава района провёл совещание по подготовке к отопительному сезону в администрации"
    texts = [base, base + " сегодня", "Совсем другой текст про библиотеку и новые книги для детей"]
    assert near_duplicate_share(texts) == pytest.approx(2 / 3)


def test_post_schema_and_labels(posts):
    assert list(posts.columns[: len(POST_COLUMNS)]) == list(POST_COLUMNS)
    assert set(posts["label"]) == set(POST_LABELS)
    assert set(posts["platform"]) == set(PLATFORMS)
    assert posts["id"].is_unique
    assert (posts["text"].str.strip() != "").all()


def test_post_counts(posts):
    assert len(posts) >= 3000
    assert posts["label"].value_counts().min() >= 700
    kinds = posts["institution"].value_counts()
    assert (kinds >= 80).sum() >= 15, kinds


def test_post_lengths_and_hard_cases(posts):
    lengths = posts["text"].str.len()
    assert (lengths < 150).mean() >= 0.20
    assert lengths.max() <= 2500
    assert posts["hard"].mean() >= 0.30
    rules = posts.loc[posts["hard"], "hard_rule"].astype(int)
    assert set(rules) == set(range(1, 8)), "every hard-case rule of the guide is represented"
    assert rules.value_counts().min() >= 30


def test_posts_have_no_duplicates(posts):
    assert not posts["text"].duplicated().any()
    assert near_duplicate_share(posts["text"].tolist()) < 0.02


def test_batches_do_not_mix_institutions(posts):
    # Evaluation holds out whole batches; a batch spread over kinds would leak between folds.
    assert (posts.groupby("batch")["institution"].nunique() == 1).all()


def test_comment_schema_and_counts(comments):
    assert list(comments.columns[: len(COMMENT_COLUMNS)]) == list(COMMENT_COLUMNS)
    assert len(comments) >= 1200
    assert comments["needs_reply"].mean() >= 0.40
    assert comments["id"].is_unique
    assert not comments["text"].duplicated().any()
    assert near_duplicate_share(comments["text"].tolist()) < 0.02


def test_data_card_tables_are_current(posts, comments):
    """training_data/README.md shows the counts of the data as it is (python -m model.corpus)."""
    assert data_card_tables(posts, comments) in (DATA / "README.md").read_text(encoding="utf-8")
