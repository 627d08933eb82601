"""The scikit-learn pipeline of a text classifier, built from plain parameters.

Texts are analysed once (first step) and every branch of the feature union reads the analysed
documents, so tokens and lemmas are computed once per text whatever the number of branches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from model.features import PurposeFeatures
from model.text import Doc, analyze


@dataclass(frozen=True)
class PipelineParams:
    """Hyper-parameters of one classifier; the training config fills them (see train.toml)."""

    C: float = 4.0
    word_ngrams: tuple[int, int] = (1, 1)
    min_df: int = 2
    max_features: int | None = 200_000
    char_ngrams: tuple[int, int] | None = None  # e.g. (2, 4) adds a char_wb TF-IDF branch
    grammar_tokens: bool = True
    surface_tokens: bool = True  # word forms and endings, a cheap stand-in for char n-grams
    purpose_features: bool = False
    purpose_weight: float = 1.0
    calibration: str = "temperature"
    calibration_cv: int = 5
    class_weight: str | None = "balanced"
    seed: int = 13


def analyze_all(texts: Iterable[str]) -> list[Doc]:
    return [analyze(text) for text in texts]


def lemma_texts(docs: Sequence[Doc]) -> list[str]:
    return [doc.lemma_text for doc in docs]


def lemma_and_grammar_texts(docs: Sequence[Doc]) -> list[str]:
    return [f"{doc.lemma_text} {doc.grammar_text}" for doc in docs]


def surface_texts(docs: Sequence[Doc]) -> list[str]:
    return [doc.surface_text for doc in docs]


def normalised_texts(docs: Sequence[Doc]) -> list[str]:
    return [doc.normalised.lower() for doc in docs]


def _one_text_column(transformer, input_features) -> list[str]:
    """Feature names of a selector that hands texts on (lets the pipeline name its features)."""
    return ["text"]


def _split_on_space(text: str) -> list[str]:
    return text.split()


def build_pipeline(params: PipelineParams) -> Pipeline:
    branches = [
        ("lemmas", Pipeline([
            ("select", FunctionTransformer(
                lemma_and_grammar_texts if params.grammar_tokens else lemma_texts,
                feature_names_out=_one_text_column)),
            ("tfidf", TfidfVectorizer(
                analyzer="word", tokenizer=_split_on_space, token_pattern=None, lowercase=False,
                ngram_range=tuple(params.word_ngrams), min_df=params.min_df,
                max_features=params.max_features, sublinear_tf=True, dtype=np.float32,
            )),
        ])),
    ]
    weights = {"lemmas": 1.0}
    if params.surface_tokens:
        branches.append(("surface", Pipeline([
            ("select", FunctionTransformer(surface_texts, feature_names_out=_one_text_column)),
            ("tfidf", TfidfVectorizer(
                analyzer="word", tokenizer=_split_on_space, token_pattern=None, lowercase=False,
                min_df=params.min_df, max_features=params.max_features, sublinear_tf=True,
                dtype=np.float32,
            )),
        ])))
        weights["surface"] = 1.0
    if params.char_ngrams:
        branches.append(("chars", Pipeline([
            ("select", FunctionTransformer(normalised_texts, feature_names_out=_one_text_column)),
            ("tfidf", TfidfVectorizer(
                analyzer="char_wb", ngram_range=tuple(params.char_ngrams), min_df=params.min_df,
                max_features=params.max_features, sublinear_tf=True, dtype=np.float32,
            )),
        ])))
        weights["chars"] = 1.0
    if params.purpose_features:
        branches.append(("purpose", Pipeline([
            ("features", PurposeFeatures()),
            ("scale", StandardScaler()),
        ])))
        weights["purpose"] = params.purpose_weight
    linear = LogisticRegression(
        C=params.C, max_iter=3000, class_weight=params.class_weight, random_state=params.seed,
    )
    return Pipeline([
        ("analyze", FunctionTransformer(analyze_all)),
        ("features", FeatureUnion(branches, transformer_weights=weights)),
        ("classify", CalibratedClassifierCV(linear, method=params.calibration,
                                            cv=params.calibration_cv, ensemble=False)),
    ])
