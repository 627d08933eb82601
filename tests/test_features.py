"""Dense purpose features (an option of the pipeline, off by default: see train.toml)."""

import math

import numpy as np
import pytest

from model import text as tx
from model.features import FEATURE_NAMES, PurposeFeatures, doc_features


@pytest.mark.parametrize("raw", ["", "🎉", "Hello, world!", "Привет " * 3000, "?!"])
def test_every_feature_is_finite(raw):
    values = doc_features(tx.analyze(raw))
    assert tuple(values) == FEATURE_NAMES
    assert all(math.isfinite(v) for v in values.values())


def test_features_carry_purpose():
    ask = doc_features(tx.analyze("Как вы думаете, какой сквер благоустроить? Напишите нам!"))
    report = doc_features(tx.analyze("Глава района провёл совещание. Обсудили ремонт дорог."))
    assert ask["questions"] > report["questions"] == 0
    assert ask["imperative"] > report["imperative"]
    assert report["past"] > ask["past"]
    notice = doc_features(tx.analyze("Приём 12 марта с 9:00, каб. 204, тел. 8 (8172) 55-12-30"))
    assert notice["has_phone"] == notice["has_time"] == notice["has_date"] == notice["address"] == 1.0


def test_transformer_contract():
    docs = [tx.analyze("Приходите!"), tx.analyze("")]
    features = PurposeFeatures()
    assert features.fit(docs) is features
    matrix = features.transform(docs)
    assert matrix.shape == (2, len(FEATURE_NAMES))
    assert list(features.get_feature_names_out()) == list(FEATURE_NAMES)
    assert np.isfinite(matrix).all()
