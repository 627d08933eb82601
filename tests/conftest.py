"""Session fixtures: a small corpus sample, a model trained on it once, its artifacts folder."""

from pathlib import Path

import pandas as pd
import pytest

from model.classifier import load_bundle
from model.training import load_config, train

DATA = Path(__file__).resolve().parent.parent / "training_data"


@pytest.fixture(scope="session")
def small_data(tmp_path_factory) -> Path:
    """120 posts per label and 300 comments, sampled with a fixed seed."""
    folder = tmp_path_factory.mktemp("data")
    posts = pd.read_csv(DATA / "posts.csv", dtype=str, keep_default_na=False)
    posts.groupby("label").sample(120, random_state=1).to_csv(folder / "posts.csv", index=False)
    comments = pd.read_csv(DATA / "comments.csv", dtype=str, keep_default_na=False)
    comments.sample(300, random_state=1).to_csv(folder / "comments.csv", index=False)
    (folder / "train.toml").write_text(
        'seed = 1\n[data]\nposts = "posts.csv"\ncomments = "comments.csv"\n'
        '[evaluation]\nfolds = 2\ngroup_by = ["batch"]\n'
        '[post_type]\nC = 4.0\n[needs_reply]\nC = 4.0\nmin_df = 1\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def artifacts(small_data, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("artifacts")
    train(load_config(small_data / "train.toml"), root)
    return root


@pytest.fixture(scope="session")
def bundle(artifacts):
    return load_bundle(artifacts)
