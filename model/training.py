"""Training: config → held-out evaluation by groups → final fit → versioned artifacts."""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from model import classifier as clf
from model.corpus import load_comments, load_posts, sha256_of
from model.evaluation import Report, evaluate_predictions
from model.pipeline import PipelineParams, build_pipeline

DEFAULT_CONFIG = Path(__file__).with_name("train.toml")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class TrainConfig:
    path: Path
    seed: int
    posts: Path
    comments: Path | None
    folds: int
    group_by: tuple[str, ...]
    post_type: PipelineParams
    needs_reply: PipelineParams


def _params(section: dict, seed: int) -> PipelineParams:
    known = {f.name for f in fields(PipelineParams)}
    unknown = set(section) - known
    if unknown:
        raise ValueError(f"Неизвестные параметры модели: {', '.join(sorted(unknown))}")
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in section.items()}
    return PipelineParams(seed=seed, **values)


def load_config(path: Path | None = None) -> TrainConfig:
    path = Path(path or DEFAULT_CONFIG)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"Не удалось прочитать конфигурацию {path}: {exc}") from exc
    base = path.resolve().parent
    data = raw.get("data", {})
    seed = int(raw.get("seed", 13))
    evaluation = raw.get("evaluation", {})
    return TrainConfig(
        path=path,
        seed=seed,
        posts=base / data.get("posts", "posts.csv"),
        comments=base / data["comments"] if data.get("comments") else None,
        folds=int(evaluation.get("folds", 5)),
        group_by=tuple(evaluation.get("group_by", ["batch"])),
        post_type=_params(raw.get("post_type", {}), seed),
        needs_reply=_params(raw.get("needs_reply", {}), seed),
    )


def held_out_report(params: PipelineParams, texts: list[str], y: list, groups: pd.Series,
                    folds: int, name: str) -> Report:
    """Out-of-fold probabilities where no group is split between train and test."""
    labels = sorted(set(y), key=str)
    proba = np.zeros((len(texts), len(labels)))
    splitter = GroupKFold(n_splits=min(folds, groups.nunique()))
    y_arr = np.asarray(y)
    for train_idx, test_idx in splitter.split(texts, y_arr, groups):
        model = build_pipeline(params).fit([texts[i] for i in train_idx], y_arr[train_idx])
        cols = [labels.index(c) for c in model.classes_]
        proba[np.ix_(test_idx, cols)] = model.predict_proba([texts[i] for i in test_idx])
    return evaluate_predictions(name, y, proba, labels)


def _train_one(task: str, params: PipelineParams, frame: pd.DataFrame, target: str,
               config: TrainConfig, data_files: dict[str, str], say: Progress) -> clf.TextModel:
    texts, y = frame["text"].tolist(), frame[target].tolist()
    reports = {}
    for group in config.group_by:
        say(f"{task}: проверка на отложенных группах «{group}» ({config.folds} фолдов)…")
        report = held_out_report(params, texts, y, frame[group], config.folds,
                                 f"{task}, отложенные {group}")
        say(report.format())
        reports[f"held_out_{group}"] = report.to_dict()
    say(f"{task}: обучение на всём корпусе ({len(texts)} текстов)…")
    pipeline = build_pipeline(params).fit(texts, y)
    manifest = {
        "format_version": clf.FORMAT_VERSION,
        "task": task,
        "labels": [str(label) for label in pipeline.classes_],
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "libraries": clf.library_versions(),
        "training_data": {
            "files": data_files,
            "rows": len(texts),
            "label_counts": {str(k): int(v) for k, v in frame[target].value_counts().items()},
        },
        "config": str(config.path),
        "params": {f.name: getattr(params, f.name) for f in fields(params)},
        "metrics": reports,
    }
    return clf.TextModel(task=task, pipeline=pipeline, manifest=manifest)


def train(config: TrainConfig, root: Path | None = None,
          say: Progress = lambda message: None) -> tuple[Path, dict[str, clf.TextModel]]:
    """Train both classifiers, evaluate them on held-out groups and save one versioned bundle."""
    posts = load_posts(config.posts)
    data_files = {config.posts.name: sha256_of(config.posts)}
    comments = None
    if config.comments is not None:
        comments = load_comments(config.comments)
        data_files[config.comments.name] = sha256_of(config.comments)
    version = clf.new_version(hashlib.sha256("".join(sorted(data_files.values())).encode()).hexdigest())
    models = {clf.POST_TYPE: _train_one(clf.POST_TYPE, config.post_type, posts, "label",
                                        config, data_files, say)}
    if comments is not None:
        models[clf.NEEDS_REPLY] = _train_one(clf.NEEDS_REPLY, config.needs_reply, comments,
                                             "needs_reply", config, data_files, say)
    for model in models.values():
        model.manifest["model_version"] = version
    return clf.save_bundle(models, version, root), models

