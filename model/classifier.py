"""Text classifiers (post type, comment needs_reply) and their artifacts.

One artifact is a folder with ``model.joblib`` (the fitted scikit-learn pipeline) and a
machine-written ``manifest.json``. Models trained together form a bundle ``<root>/<version>/``;
``<root>/LATEST`` names the newest bundle. Only this module knows these file names.
"""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import joblib
import numpy as np
import sklearn
from sklearn.pipeline import Pipeline

from model.io.tables import atomic_directory, write_text_atomic

FORMAT_VERSION = 1
POST_TYPE, NEEDS_REPLY = "post_type", "needs_reply"
POST_LABELS = ("official", "useful", "interactive", "entertaining")
_MODEL_FILE, _MANIFEST_FILE, _LATEST_FILE = "model.joblib", "manifest.json", "LATEST"
_TRACKED_LIBRARIES = ("znak", "scikit-learn", "numpy", "scipy", "pymorphy3", "pymorphy3-dicts-ru",
                      "razdel", "natasha", "joblib")


class ArtifactError(RuntimeError):
    """A model artifact is missing, broken or incompatible; the message says what to do."""


def default_artifacts_dir() -> Path:
    """``$ZNAK_ARTIFACTS`` or ``artifacts/`` at the project root (git-ignored)."""
    env = os.environ.get("ZNAK_ARTIFACTS")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "artifacts"


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in _TRACKED_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


@dataclass
class TextModel:
    """A fitted pipeline with its label order and manifest."""

    task: str
    pipeline: Pipeline
    manifest: dict = field(default_factory=dict)

    @property
    def labels(self) -> list:
        return list(self.pipeline.classes_)

    @property
    def version(self) -> str:
        return self.manifest.get("model_version", "unversioned")

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Probabilities, one column per label in :attr:`labels` order."""
        if len(texts) == 0:
            return np.zeros((0, len(self.labels)))
        # The pipeline's own inputs are always valid here; skipping scikit-learn's per-call checks
        # halves the cost of classifying one draft (~3 ms → ~1.5 ms).
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            return self.pipeline.predict_proba(list(texts))

    def predict(self, texts: Sequence[str]) -> list:
        proba = self.predict_proba(texts)
        labels = self.labels
        return [labels[i] for i in proba.argmax(axis=1)]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        joblib.dump(self.pipeline, folder / _MODEL_FILE, compress=3)
        (folder / _MANIFEST_FILE).write_text(
            json.dumps(self.manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> TextModel:
        manifest_path = folder / _MANIFEST_FILE
        if not manifest_path.exists():
            raise ArtifactError(f"В {folder} нет {_MANIFEST_FILE}: артефакт неполный, "
                                "переобучите модель командой `znak train`.")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        check_compatible(manifest, folder)
        pipeline = joblib.load(folder / _MODEL_FILE)
        return cls(task=manifest["task"], pipeline=pipeline, manifest=manifest)


def check_compatible(manifest: dict, where: Path | str = "") -> None:
    """Refuse artifacts of another format or scikit-learn minor version (pickles do not travel)."""
    found = manifest.get("format_version")
    if found != FORMAT_VERSION:
        raise ArtifactError(
            f"Артефакт {where} записан в формате {found}, а эта версия znak читает формат "
            f"{FORMAT_VERSION}. Переобучите модель: `znak train`.")
    trained = manifest.get("libraries", {}).get("scikit-learn", "?")
    installed = metadata.version("scikit-learn")
    if _minor(trained) != _minor(installed):
        raise ArtifactError(
            f"Модель {where} обучена на scikit-learn {trained}, а установлен {installed}: "
            "такие модели несовместимы. Переобучите модель: `znak train`.")


@dataclass
class Bundle:
    """The models trained together, loaded from one bundle folder."""

    version: str
    post_type: TextModel
    needs_reply: TextModel | None
    path: Path


def new_version(data_sha256: str, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%d-%H%M%S}-{data_sha256[:8]}"


def save_bundle(models: dict[str, TextModel], version: str, root: Path | None = None) -> Path:
    """Write the models atomically: a hidden temp folder renamed into place, then LATEST swapped."""
    root = root or default_artifacts_dir()
    final = root / version
    with atomic_directory(final) as tmp:
        for task, model in models.items():
            model.save(tmp / task)
    write_text_atomic(root / _LATEST_FILE, version + "\n")
    return final


def latest_version(root: Path | None = None) -> str | None:
    latest = (root or default_artifacts_dir()) / _LATEST_FILE
    return latest.read_text(encoding="utf-8").strip() if latest.exists() else None


def load_bundle(root: Path | None = None, version: str | None = None) -> Bundle:
    """Load a bundle (the newest by default) with a clear message when there is none."""
    root = root or default_artifacts_dir()
    version = version or latest_version(root)
    if not version or not (root / version).is_dir():
        raise ArtifactError(f"Модель не найдена в {root}. Обучите её командой `znak train`.")
    folder = root / version
    needs_reply = folder / NEEDS_REPLY
    return Bundle(
        version=version,
        post_type=TextModel.load(folder / POST_TYPE),
        needs_reply=TextModel.load(needs_reply) if needs_reply.is_dir() else None,
        path=folder,
    )
