"""The committee's report on the demo pages: scored end to end and rendered in headless Chromium."""

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scripts.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
OUTPUT = Path(__file__).resolve().parent / "_output"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def scored(artifacts, tmp_path_factory):
    folder = tmp_path_factory.mktemp("score")
    env = {"ZNAK_ARTIFACTS": str(artifacts)}
    result = CliRunner().invoke(app, ["score", *map(str, sorted(EXAMPLES.iterdir())), "-o", str(folder / "s.csv"),
                                      "--report", str(folder / "report.html")], env=env)
    assert result.exit_code == 0, result.output
    return folder


def test_demo_pages_rank_by_quality(scored):
    import pandas as pd

    table = pd.read_csv(scored / "s.csv").set_index("name")
    assert len(table) == 12
    best, worst = "МБОУ «Средняя школа № 12» г. Вологды", "МФЦ Бабаевского округа"
    assert table.loc[best, "total"] > table.loc[worst, "total"] + 30
    assert table.loc[best, "eligible"] and not table.loc[worst, "eligible"]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
def test_report_renders_in_chromium(scored, tmp_path):
    OUTPUT.mkdir(exist_ok=True)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path}"]
    url = (scored / "report.html").as_uri()
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert "Допущены к знаку качества" in dom.stdout and "Поликлиника № 3, Череповец" in dom.stdout
    screenshot = OUTPUT / "report.png"
    subprocess.run([CHROMIUM, *flags, "--window-size=1280,2400", f"--screenshot={screenshot}", url],
                   capture_output=True, timeout=120, check=True)
    assert screenshot.stat().st_size > 50_000  # a blank page is a few kilobytes
