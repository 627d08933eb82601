"""The trained classifiers, their artifacts and the honest held-out evaluation."""

import json

import numpy as np
import pandas as pd
import pytest

from model import classifier as clf
from model.pipeline import PipelineParams
from model.training import held_out_report

EDGE_TEXTS = ["", "🎉🎉🎉", "Open day at school number five, welcome!", "Приём " * 4000, "?"]


def test_probabilities_are_distributions(bundle):
    proba = bundle.post_type.predict_proba(EDGE_TEXTS)
    assert proba.shape == (len(EDGE_TEXTS), 4)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert set(bundle.post_type.labels) == set(clf.POST_LABELS)


def test_empty_batch(bundle):
    assert bundle.post_type.predict_proba([]).shape == (0, 4)


def test_model_separates_clear_cases(bundle):
    texts = {
        "interactive": "Какое название выбрать для нового сквера? Голосуйте в опросе, "
                       "пишите свои варианты в комментариях!",
        "useful": "С 1 декабря МФЦ работает по новому графику: пн–пт с 8:00 до 20:00. "
                  "Записаться можно по телефону 8-800-100-00-00.",
    }
    predicted = bundle.post_type.predict(list(texts.values()))
    assert predicted == list(texts)


def test_needs_reply_model(bundle):
    model = bundle.needs_reply
    assert model is not None and model.labels == [False, True]
    proba = model.predict_proba(["когда дадут горячую воду на садовой?", "спасибо большое 👍"])
    assert proba[0, 1] > proba[1, 1]


def test_manifest_is_complete(bundle):
    manifest = bundle.post_type.manifest
    for key in ("format_version", "model_version", "created_at", "libraries", "training_data",
                "params", "metrics"):
        assert key in manifest
    assert manifest["training_data"]["rows"] == 480
    assert len(manifest["training_data"]["files"]["posts.csv"]) == 64
    assert manifest["metrics"]["held_out_batch"]["n"] == 480


def test_round_trip_gives_identical_probabilities(bundle, tmp_path):
    bundle.post_type.save(tmp_path / "m")
    again = clf.TextModel.load(tmp_path / "m")
    texts = ["Сегодня глава района провёл приём граждан.", "А вы знали, что нашему ДК 60 лет?"]
    assert np.array_equal(again.predict_proba(texts), bundle.post_type.predict_proba(texts))


@pytest.mark.parametrize("field, value, message", [
    ("format_version", 999, "формате 999"),
    ("libraries", {"scikit-learn": "0.24.2"}, "scikit-learn 0.24.2"),
])
def test_incompatible_artifact_is_refused(bundle, tmp_path, field, value, message):
    folder = tmp_path / "m"
    bundle.post_type.save(folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest[field] = value
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(clf.ArtifactError, match=message):
        clf.TextModel.load(folder)


def test_missing_model_message(tmp_path):
    with pytest.raises(clf.ArtifactError, match="znak train"):
        clf.load_bundle(tmp_path)


def test_bundle_write_is_atomic(bundle, tmp_path):
    first = clf.save_bundle({"post_type": bundle.post_type}, "v1", tmp_path)
    clf.save_bundle({"post_type": bundle.post_type}, "v2", tmp_path)
    assert clf.latest_version(tmp_path) == "v2"
    assert first.is_dir()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_failed_bundle_write_leaves_nothing(bundle, tmp_path):
    class Broken(clf.TextModel):
        def save(self, folder):
            folder.mkdir(parents=True)
            raise OSError("disk full")

    broken = Broken(task="post_type", pipeline=bundle.post_type.pipeline)
    with pytest.raises(OSError):
        clf.save_bundle({"post_type": broken}, "v3", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_held_out_evaluation_never_splits_a_group():
    """Copies of one text share a group: split by group, memorising them cannot help."""
    rng = np.random.default_rng(0)
    labels = ["official", "useful"]
    rows = []
    for g in range(20):
        text = f"слово{g} " * 5
        label = labels[rng.integers(2)]
        rows += [(text, label, f"b{g}")] * 10
    frame = pd.DataFrame(rows, columns=["text", "label", "batch"])
    report = held_out_report(PipelineParams(calibration_cv=2), frame["text"].tolist(),
                             frame["label"].tolist(), frame["batch"], 5, "groups")
    assert report.accuracy < 0.8  # a random split would score 1.0 on memorised copies
