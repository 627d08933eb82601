"""Batch jobs: stream a table through a classifier in chunks, on all cores.

The per-chunk function is the same whatever runs it, so the local process pool and (later) the
Dask engine produce identical rows.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from model.classifier import POST_TYPE, TextModel, load_bundle
from model.io.tables import RowError, TableWriter, read_chunks

_worker_model: TextModel | None = None


def label_columns(model: TextModel, proba: np.ndarray) -> pd.DataFrame:
    """`label` and one `p_<label>` column per label, rounded for readable files."""
    labels = model.labels
    columns = {"label": [labels[i] for i in proba.argmax(axis=1)]}
    for j, label in enumerate(labels):
        columns[f"p_{label}"] = np.round(proba[:, j], 4)
    return pd.DataFrame(columns)


def with_labels(model: TextModel, frame: pd.DataFrame, proba: np.ndarray) -> pd.DataFrame:
    """The input rows with the label columns added (replacing any of the same name)."""
    added = label_columns(model, proba)
    kept = frame.drop(columns=[c for c in added.columns if c in frame.columns]).reset_index(drop=True)
    return pd.concat([kept, added], axis=1)


def _init_worker(bundle_path: str) -> None:
    global _worker_model
    _worker_model = TextModel.load(Path(bundle_path) / POST_TYPE)


def _worker_proba(texts: list[str]) -> np.ndarray:
    assert _worker_model is not None, "worker not initialised"
    return _worker_model.predict_proba(texts)


@dataclass
class JobSummary:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def classify_file(source: Path, target: Path, bundle_path: Path | None = None, workers: int | None = None,
                  chunk_size: int = 5_000, text_column: str = "text",
                  on_chunk: Callable[[int, list[RowError]], None] = lambda n, errors: None) -> JobSummary:
    """Classify every row of `source` into `target`; bad rows are reported and skipped.

    With more than one worker, chunks go to a process pool (each worker loads the model once);
    at most two chunks per worker are in flight, so memory stays bounded on any file size.
    """
    bundle_path = bundle_path or load_bundle().path
    model = TextModel.load(Path(bundle_path) / POST_TYPE)
    workers = workers or os.cpu_count() or 1
    summary = JobSummary()
    with TableWriter(target) as writer:
        def finish(chunk, proba: np.ndarray) -> None:
            rows = chunk.rows
            if len(rows):
                writer.write(with_labels(model, rows, proba))
            summary.rows += len(rows)
            summary.errors.extend(chunk.errors)
            on_chunk(len(rows), chunk.errors)

        chunks = read_chunks(source, text_column, chunk_size)
        if workers == 1:
            for chunk in chunks:
                texts = chunk.rows[text_column].tolist() if len(chunk.rows) else []
                finish(chunk, model.predict_proba(texts))
            return summary
        with ProcessPoolExecutor(workers, initializer=_init_worker,
                                 initargs=(str(bundle_path),)) as pool:
            pending: deque[tuple[object, Future]] = deque()
            for chunk in chunks:
                texts = chunk.rows[text_column].tolist() if len(chunk.rows) else []
                pending.append((chunk, pool.submit(_worker_proba, texts)))
                while len(pending) >= 2 * workers:
                    done_chunk, future = pending.popleft()
                    finish(done_chunk, future.result())
            while pending:
                done_chunk, future = pending.popleft()
                finish(done_chunk, future.result())
    return summary
