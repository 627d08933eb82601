"""The `znak` command on good and bad files."""

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from scripts.cli import app

runner = CliRunner()
POSTS = ["Глава района провёл совещание по подготовке к зиме.",
         "Какой фильм показать в клубе в пятницу? Пишите варианты!",
         "С понедельника поликлиника принимает с 8:00 до 20:00, запись по телефону 8-800-200-03-03."]


@pytest.fixture
def env(artifacts, monkeypatch):
    monkeypatch.setenv("ZNAK_ARTIFACTS", str(artifacts))


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_classify_formats(env, tmp_path, suffix):
    frame = pd.DataFrame({"post_id": [1, 2, 3], "text": POSTS})
    source = tmp_path / f"in{suffix}"
    {".csv": lambda p: frame.to_csv(p, index=False),
     ".jsonl": lambda p: frame.to_json(p, orient="records", lines=True, force_ascii=False),
     ".parquet": lambda p: frame.to_parquet(p)}[suffix](source)
    target = tmp_path / f"out{suffix}"
    result = runner.invoke(app, ["classify", str(source), "-o", str(target), "--workers", "1"])
    assert result.exit_code == 0, result.output
    out = {".csv": pd.read_csv, ".jsonl": lambda p: pd.read_json(p, lines=True),
           ".parquet": pd.read_parquet}[suffix](target)
    assert out["post_id"].tolist() == [1, 2, 3]
    assert out["text"].tolist() == POSTS
    probabilities = out[["p_official", "p_useful", "p_interactive", "p_entertaining"]]
    assert ((probabilities.sum(axis=1) - 1).abs() < 1e-3).all()
    assert set(out["label"]) <= {"official", "useful", "interactive", "entertaining"}


def test_classify_with_worker_processes_matches_single_process(env, tmp_path):
    source = tmp_path / "in.csv"
    pd.DataFrame({"text": POSTS * 30}).to_csv(source, index=False)
    for workers in ("1", "2"):
        result = runner.invoke(app, ["classify", str(source), "-o", str(tmp_path / f"o{workers}.parquet"),
                                     "--workers", workers, "--chunk-size", "7"])
        assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "o1.parquet").equals(pq.read_table(tmp_path / "o2.parquet"))


def test_classify_reports_bad_rows_and_goes_on(env, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"text": POSTS[0]}, ensure_ascii=False) + "\n"
        + "{not json\n"
        + json.dumps({"text": None}) + "\n"
        + json.dumps({"text": POSTS[1]}, ensure_ascii=False) + "\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["classify", str(source), "-o", str(target), "--workers", "1"])
    assert result.exit_code == 1
    assert "строка 2: не JSON" in result.output
    assert "строка 3: нет текста" in result.output
    assert len(pd.read_csv(target)) == 2


def test_classify_bad_csv_row(env, tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes("id,text\n1,хороший пост\n2,лишнее,поле\n3,\"многострочный\nпост\"\n4,ещё\xff\n"
                       .encode().replace("\xff".encode(), b"\xff"))
    result = runner.invoke(app, ["classify", str(source), "-o", str(tmp_path / "o.csv"), "--workers", "1"])
    assert result.exit_code == 1
    assert "строка 3: 3 полей вместо 2" in result.output
    assert "строка 6: текст не в кодировке UTF-8" in result.output
    assert pd.read_csv(tmp_path / "o.csv")["id"].tolist() == [1, 3]


@pytest.mark.parametrize("args, message", [
    (["classify", "{src}", "-o", "{tmp}/out.xlsx"], "неизвестный формат"),
    (["classify", "{tmp}/missing.csv", "-o", "{tmp}/out.csv"], "Файл не найден"),
    (["classify", "{nocol}", "-o", "{tmp}/out.csv"], "нет столбца «text»"),
])
def test_classify_file_errors(env, tmp_path, args, message):
    src, nocol = tmp_path / "in.csv", tmp_path / "nocol.csv"
    pd.DataFrame({"text": POSTS}).to_csv(src, index=False)
    pd.DataFrame({"body": POSTS}).to_csv(nocol, index=False)
    args = [a.format(src=src, tmp=tmp_path, nocol=nocol) for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "out.csv").exists()


def test_no_model_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("ZNAK_ARTIFACTS", str(tmp_path / "none"))
    source = tmp_path / "in.csv"
    pd.DataFrame({"text": POSTS}).to_csv(source, index=False)
    result = runner.invoke(app, ["classify", str(source), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 2
    assert "znak train" in result.output


def test_evaluate_json(env, small_data):
    result = runner.invoke(app, ["evaluate", str(small_data / "posts.csv"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 480
    assert set(report["per_label"]) == {"official", "useful", "interactive", "entertaining"}
    assert 0 <= report["ece"] <= 1


def test_evaluate_unknown_label(env, tmp_path):
    path = tmp_path / "l.csv"
    pd.DataFrame({"text": POSTS, "label": ["official", "useful", "memes"]}).to_csv(path, index=False)
    result = runner.invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 2
    assert "memes" in result.output


def test_train_writes_a_new_version(small_data, tmp_path):
    result = runner.invoke(app, ["train", "--config", str(small_data / "train.toml"),
                                 "--artifacts", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "macro-F1" in result.output
    assert (tmp_path / "LATEST").exists()


def test_train_bad_config(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("[post_type]\nCC = 1\n")
    result = runner.invoke(app, ["train", "--config", str(config)])
    assert result.exit_code == 2
    assert "CC" in result.output


def test_help_lists_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("train", "evaluate", "classify", "serve"):
        assert command in result.output


def test_check_prints_located_hints(env):
    draft = "В целях обеспечения порядка вход закрыт. ВНИМАНИЕ!!!"
    result = runner.invoke(app, ["check", draft])
    assert result.exit_code == 0, result.output
    assert "Оценка:" in result.output
    assert "Канцелярит: «В целях обеспечения»" in result.output
    assert "[1]" in result.output


def test_check_json_from_file(env, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("Приглашаем всех на праздник двора!", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {"score", "label", "probabilities", "issues", "stats"} <= set(report)
    issue = next(i for i in report["issues"] if i["code"] == "no_specifics")
    assert "Приглашаем всех на праздник двора!"[issue["start"]:issue["end"]] == "Приглашаем"


def test_check_empty_draft(env):
    result = runner.invoke(app, ["check", "   "])
    assert result.exit_code == 2
    assert "пустой черновик" in result.output


def test_check_long_text_argument(env):
    draft = "Уважаемые жители! " + "Проводим субботник во дворе дома номер пять. " * 20
    result = runner.invoke(app, ["check", draft])
    assert result.exit_code == 0, result.output


def test_score_mixed_exports_and_a_broken_one(env, tmp_path):
    canonical = tmp_path / "canonical"
    canonical.mkdir()
    pd.DataFrame([{"page_id": "school", "name": "Школа № 1", "sphere": "education", "subscribers": 500,
                   "verified": True, "has_avatar": True, "has_cover": True,
                   "description": "Официальная страница школы № 1. Тел. 8 (8172) 55-12-30, school1@edu.ru"}]
                 ).to_csv(canonical / "pages.csv", index=False)
    days = pd.date_range("2026-07-01", "2026-10-05", freq="2D", tz="UTC")  # Q3 is the last full quarter
    pd.DataFrame({"page_id": "school", "post_id": range(len(days)), "published_at": days.astype(str),
                  "text": [POSTS[i % 3] for i in range(len(days))], "views": 300, "likes": 10,
                  "comments": 1, "reposts": 1, "attachments": "photo"}).to_csv(canonical / "posts.csv", index=False)
    telegram = tmp_path / "telegram"
    telegram.mkdir()
    (telegram / "result.json").write_text(json.dumps({"name": "Канал ДК", "id": 7, "messages": [
        {"id": i, "type": "message", "date_unixtime": str(int(d.timestamp())), "text": POSTS[i % 3]}
        for i, d in enumerate(days)]}), encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "wall.json").write_text("{not json", encoding="utf-8")
    out = tmp_path / "scores.csv"
    result = runner.invoke(app, ["score", str(canonical), str(telegram), str(broken), "-o", str(out),
                                 "--json", str(tmp_path / "cards.json"), "--report", str(tmp_path / "r.html")])
    assert result.exit_code == 1, result.output
    assert "Пропущена выгрузка" in result.output and "group.json: файла нет в выгрузке" in result.output
    table = pd.read_csv(out)
    assert set(table["page_id"]) == {"school", "tg:7"}
    assert list(table["rank"]) == [1, 2]
    assert {"total", "eligible", "rank_in_sphere", "points_reach", "points_text_quality"} <= set(table.columns)
    cards = {c["page_id"]: c for c in json.loads((tmp_path / "cards.json").read_text())}
    assert "reach" in cards["tg:7"]["not_applicable"]  # Telegram exports carry no views
    assert cards["school"]["period"] == ["2026-07-01", "2026-10-01"]
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Школа № 1" in html and "Канал ДК" in html and "<svg" in html
    assert "http://" not in html and "https://" not in html  # self-contained: no CDN
