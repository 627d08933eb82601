"""The labelled corpus in training_data/: loading, validation and fingerprints."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from model.classifier import POST_LABELS

POST_COLUMNS = ("id", "text", "label", "institution", "platform", "region", "hard", "batch")
COMMENT_COLUMNS = ("id", "text", "needs_reply", "institution", "batch")
PLATFORMS = ("vk", "ok", "telegram")


class CorpusError(ValueError):
    """The corpus file breaks its schema; the message names the file and the rows."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _as_bool(series: pd.Series, path: Path, column: str) -> pd.Series:
    mapped = series.astype(str).str.strip().str.lower().map(
        {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False})
    bad = mapped.isna()
    if bad.any():
        rows = ", ".join(str(i + 2) for i in series.index[bad][:5])
        raise CorpusError(f"{path}: в столбце {column} не true/false (строки {rows})")
    return mapped.astype(bool)


def _read(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    if not path.exists():
        raise CorpusError(f"Файл корпуса не найден: {path}")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CorpusError(f"{path}: нет столбцов {', '.join(missing)}")
    empty = frame["text"].str.strip() == ""
    if empty.any():
        rows = ", ".join(str(i + 2) for i in frame.index[empty][:5])
        raise CorpusError(f"{path}: пустой текст в строках {rows}")
    return frame


def load_posts(path: Path) -> pd.DataFrame:
    """posts.csv with labels checked against the four post types; `hard` as bool."""
    frame = _read(path, POST_COLUMNS)
    bad = ~frame["label"].isin(POST_LABELS)
    if bad.any():
        rows = ", ".join(str(i + 2) for i in frame.index[bad][:5])
        raise CorpusError(f"{path}: неизвестная метка в строках {rows}; допустимы {', '.join(POST_LABELS)}")
    frame["hard"] = _as_bool(frame["hard"], path, "hard")
    return frame


def load_comments(path: Path) -> pd.DataFrame:
    """comments.csv with `needs_reply` as bool."""
    frame = _read(path, COMMENT_COLUMNS)
    frame["needs_reply"] = _as_bool(frame["needs_reply"], path, "needs_reply")
    return frame


def _length_band(n: int) -> str:
    return "< 150" if n < 150 else "150–499" if n < 500 else "500–999" if n < 1000 else "≥ 1000"


def _table(counts: pd.Series, header: str) -> list[str]:
    lines = [f"| {header} | posts |", "|---|---:|"]
    lines += [f"| {key} | {value} |" for key, value in counts.items()]
    return lines


def data_card_tables(posts: pd.DataFrame, comments: pd.DataFrame) -> str:
    """The count tables of training_data/README.md, computed from the data (a test compares)."""
    bands = posts["text"].str.len().map(_length_band)
    band_order = ["< 150", "150–499", "500–999", "≥ 1000"]
    parts = [
        f"Posts: **{len(posts)}**, hard cases: **{posts['hard'].sum()}** "
        f"({posts['hard'].mean():.0%}); comments: **{len(comments)}**, needing a reply: "
        f"**{comments['needs_reply'].sum()}** ({comments['needs_reply'].mean():.0%}).",
        "",
        *_table(posts["label"].value_counts().reindex(list(POST_LABELS)), "label"),
        "",
        *_table(posts["institution"].value_counts().sort_index(), "institution"),
        "",
        *_table(posts["platform"].value_counts().reindex(list(PLATFORMS)), "platform"),
        "",
        *_table(bands.value_counts().reindex(band_order, fill_value=0), "length, characters"),
        "",
        *_table(posts.loc[posts["hard"], "hard_rule"].astype(int).value_counts().sort_index(),
                "hard-case rule"),
    ]
    return "\n".join(parts)


if __name__ == "__main__":  # python -m model.corpus: print the tables for the data card
    root = Path(__file__).resolve().parent.parent / "training_data"
    print(data_card_tables(load_posts(root / "posts.csv"), load_comments(root / "comments.csv")))
