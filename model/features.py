"""Purpose features: one small pure function per feature family, in one ordered registry.

Each family reads an analysed :class:`~model.text.Doc` and returns named floats. The bag of
lemmas says what a post is *about*; these say what it *wants from the reader*: to answer
(questions, second person, imperatives), to act (dates, places, contacts), or just to enjoy
(emoji, exclamations, past-tense storytelling).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from model import text as tx

FeatureFamily = Callable[[tx.Doc], dict[str, float]]

_QUESTION_WORDS = frozenset(
    "как какой каков кто что почему зачем где куда откуда когда сколько ли чей разве неужели".split()
)
_NUMBER = re.compile(r"\d+")
_VERB_POS = frozenset({"VERB", "INFN"})
_ADDRESS = re.compile(
    r"\b(?:ул|улица|пр-т|проспект|пер|переулок|пл|площадь|д|дом|каб|кабинет|корп|зал|этаж)\b\.?",
    re.IGNORECASE)


def _share(count: float, total: float) -> float:
    return count / total if total else 0.0


def length_features(doc: tx.Doc) -> dict[str, float]:
    """Size and layout: long reports vs one-line notices vs posts broken into paragraphs.

    >>> length_features(tx.analyze(""))["log_chars"]
    0.0
    """
    lines = [line for line in doc.text.splitlines() if line.strip()]
    return {
        "log_chars": math.log1p(len(doc.text)),
        "log_words": math.log1p(len(doc.words)),
        "log_lines": math.log1p(len(lines)),
        "mean_word_len": _share(len(doc.lemma_text), len(doc.tokens)),
    }


def punctuation_features(doc: tx.Doc) -> dict[str, float]:
    """Questions and exclamations, absolute and per sentence-ish unit."""
    text = doc.text
    sentences = max(1, len(re.findall(r"[.!?…]+", text)))
    questions = text.count("?")
    return {
        "questions": math.log1p(questions),
        "question_share": _share(questions, sentences),
        "ends_with_question": float(text.rstrip().rstrip(")🙂😊👇⬇ ").endswith("?")),
        "exclamation_share": _share(text.count("!"), sentences),
        "quotes": math.log1p(text.count("«") + text.count('"')),
    }


def emoji_features(doc: tx.Doc) -> dict[str, float]:
    """Emoji density: entertainment and OK-style greetings use more of them."""
    emoji = doc.tokens.count(tx.EMOJI)
    return {"emoji": math.log1p(emoji), "emoji_share": _share(emoji, len(doc.tokens))}


def specifics_features(doc: tx.Doc) -> dict[str, float]:
    """Dates, times, places and contacts: what an announcement or a reminder carries."""
    counts = {kind: doc.tokens.count(kind) for kind in
              (tx.URL, tx.EMAIL, tx.PHONE, tx.DATE, tx.TIME, tx.HASHTAG, tx.MENTION)}
    features = {f"has_{kind[1:]}": float(n > 0) for kind, n in counts.items()}
    features["numbers"] = math.log1p(len(_NUMBER.findall(doc.normalised)))
    features["address"] = float(bool(_ADDRESS.search(doc.normalised)))
    return features


def morphology_features(doc: tx.Doc) -> dict[str, float]:
    """Verb forms that carry purpose: reports are past tense, calls are imperative, asks use «вы».

    Shares are of all words, so long and short posts compare.
    """
    n = len(doc.words)
    imperative = second = first_plural = past = future = infinitive = question = unknown = verbs = 0
    for w in doc.words:  # one pass: this family runs on every post of a batch job
        imperative += w.imperative
        second += w.second_person
        first_plural += w.first_plural
        past += w.past
        future += w.future
        infinitive += w.infinitive
        verbs += w.pos in _VERB_POS
        question += w.lemma in _QUESTION_WORDS
        unknown += not w.known
    return {
        "imperative": _share(imperative, n),
        "second_person": _share(second, n),
        "first_plural": _share(first_plural, n),
        "past": _share(past, max(1, verbs)),
        "future": _share(future, max(1, verbs)),
        "infinitive": _share(infinitive, n),
        "question_words": _share(question, n),
        "unknown_words": _share(unknown, n),
    }


FEATURE_FAMILIES: tuple[FeatureFamily, ...] = (
    length_features,
    punctuation_features,
    emoji_features,
    specifics_features,
    morphology_features,
)


def doc_features(doc: tx.Doc) -> dict[str, float]:
    """All registered families for one document, in registry order."""
    out: dict[str, float] = {}
    for family in FEATURE_FAMILIES:
        out.update(family(doc))
    return out


FEATURE_NAMES: tuple[str, ...] = tuple(doc_features(tx.analyze("")))


class PurposeFeatures(TransformerMixin, BaseEstimator):
    """scikit-learn transformer: analysed documents → dense matrix of purpose features."""

    def fit(self, X: Iterable[tx.Doc], y=None) -> PurposeFeatures:
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[tx.Doc]) -> np.ndarray:
        rows = [list(doc_features(doc).values()) for doc in X]
        return np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURE_NAMES))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(FEATURE_NAMES, dtype=object)
