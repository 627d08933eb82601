"""Mean navec word vectors of a document (natasha ships the news embeddings in its wheel).

An optional branch of the pipeline: `train.toml` turns it on with `navec_weight > 0`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import natasha
import numpy as np
from navec import Navec
from sklearn.base import BaseEstimator, TransformerMixin

from model.text import Doc

NAVEC_FILE = Path(natasha.__file__).parent / "data" / "emb" / "navec_news_v1_1B_250K_300d_100q.tar"
DIM = 300


@lru_cache(maxsize=1)
def navec() -> Navec:
    return Navec.load(str(NAVEC_FILE))


@lru_cache(maxsize=200_000)
def _vector(word: str) -> np.ndarray | None:
    return navec().get(word)


class NavecMean(TransformerMixin, BaseEstimator):
    """Documents → L2-normalised mean of the navec vectors of their known words."""

    def fit(self, X: Sequence[Doc], y=None) -> NavecMean:
        self.n_features_in_ = 1
        return self

    def transform(self, X: Sequence[Doc]) -> np.ndarray:
        out = np.zeros((len(X), DIM), dtype=np.float32)
        for i, doc in enumerate(X):
            vectors = [v for v in (_vector(w) for w in doc.tokens) if v is not None]
            if vectors:
                mean = np.mean(vectors, axis=0)
                out[i] = mean / (np.linalg.norm(mean) or 1.0)
        return out

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray([f"navec{i}" for i in range(DIM)], dtype=object)
