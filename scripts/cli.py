"""The `znak` command: argument parsing, progress bars and exit codes over model/'s API."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer
from tqdm import tqdm

app = typer.Typer(
    help="znak — качество контента официальных госпабликов: типы постов, проверка черновиков, "
         "оценка страниц.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

EXIT_ROWS_FAILED, EXIT_BAD_INPUT = 1, 2


def fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    typer.echo(f"Ошибка: {message}", err=True)
    raise typer.Exit(code)


def print_row_errors(errors: list, limit: int = 20) -> None:
    for error in errors[:limit]:
        typer.echo(f"  {error}", err=True)
    if len(errors) > limit:
        typer.echo(f"  … и ещё {len(errors) - limit}", err=True)


@app.command()
def train(
    config: Path = typer.Option(None, "--config", help="TOML-конфигурация обучения "
                                "(по умолчанию model/train.toml)."),
    artifacts: Path = typer.Option(None, "--artifacts", help="Папка артефактов "
                                   "(по умолчанию artifacts/ или $ZNAK_ARTIFACTS)."),
) -> None:
    """Обучить классификатор типов постов и классификатор комментариев, напечатать отчёт
    на отложенных данных и записать версионированный артефакт."""
    from model.corpus import CorpusError
    from model.training import load_config
    from model.training import train as run_training

    try:
        cfg = load_config(config)
        path, models = run_training(cfg, artifacts, say=typer.echo)
    except (CorpusError, ValueError) as exc:
        fail(str(exc))
    typer.echo(f"Модель {models['post_type'].version} записана в {path}")


@app.command()
def evaluate(
    file: Path = typer.Argument(..., help="Размеченный файл .csv, .jsonl или .parquet "
                                "со столбцами text и label."),
    as_json: bool = typer.Option(False, "--json", help="Напечатать отчёт как JSON."),
    only: str = typer.Option(None, "--only", help="Оценить только строки, где СТОЛБЕЦ=ЗНАЧЕНИЕ, "
                             "например confidence=high."),
    label_column: str = typer.Option("label", "--label-column", help="Столбец с истинной меткой."),
) -> None:
    """Отчёт о качестве модели на любом размеченном файле: macro-F1, точность и полнота
    по меткам, матрица ошибок, ошибка калибровки (ECE)."""
    import pandas as pd

    from model.classifier import ArtifactError, load_bundle
    from model.evaluation import evaluate_model
    from model.io.tables import TableError, read_chunks

    try:
        model = load_bundle().post_type
        chunks = list(read_chunks(file))
    except (ArtifactError, TableError) as exc:
        fail(str(exc))
    errors = [e for c in chunks for e in c.errors]
    filled = [c.rows for c in chunks if len(c.rows)]
    frame = pd.concat(filled, ignore_index=True) if filled else pd.DataFrame()
    if label_column not in frame.columns:
        fail(f"{file}: нет столбца «{label_column}»")
    if only:
        column, _, value = only.partition("=")
        if column not in frame.columns:
            fail(f"--only: в файле нет столбца «{column}»")
        frame = frame[frame[column].astype(str) == value]
    unknown = ~frame[label_column].isin(model.labels)
    if unknown.any():
        fail(f"{file}: неизвестные метки {sorted(set(frame.loc[unknown, label_column].astype(str)))}; "
             f"модель знает {', '.join(map(str, model.labels))}")
    if frame.empty:
        fail(f"{file}: нет строк для оценки")
    name = f"{file.name}" + (f" ({only})" if only else "")
    report = evaluate_model(model, frame["text"].tolist(), frame[label_column].tolist(), name)
    if as_json:
        typer.echo(json.dumps(report.to_dict() | {"model_version": model.version},
                              ensure_ascii=False, indent=2))
    else:
        typer.echo(f"Модель {model.version}")
        typer.echo(report.format())
    if errors:
        typer.echo(f"Пропущено строк с ошибками: {len(errors)}", err=True)
        print_row_errors(errors)
        raise typer.Exit(EXIT_ROWS_FAILED)


@app.command()
def classify(
    input: Path = typer.Argument(..., help="Входной файл .csv, .jsonl или .parquet со столбцом text."),
    output: Path = typer.Option(..., "-o", "--output", help="Выходной файл .csv, .jsonl или .parquet."),
    workers: int = typer.Option(None, "--workers", min=1, help="Число процессов (по умолчанию все ядра)."),
    chunk_size: int = typer.Option(5_000, "--chunk-size", min=1, help="Строк в одной порции."),
    text_column: str = typer.Option("text", "--text-column", help="Столбец с текстом поста."),
) -> None:
    """Разметить посты файла типами: добавить столбцы label, p_official, p_useful,
    p_interactive, p_entertaining (остальные столбцы сохраняются). Строки с ошибками
    печатаются с номерами и пропускаются; код выхода 1, если такие были."""
    from model.classifier import ArtifactError, load_bundle
    from model.engine import classify_file
    from model.io.tables import TableError, table_format

    try:
        table_format(output)
        bundle_path = load_bundle().path
        with tqdm(total=_count_rows(input), unit=" постов", unit_scale=True, desc="Классификация",
                  disable=None) as bar:
            summary = classify_file(input, output, bundle_path, workers, chunk_size, text_column,
                                    on_chunk=lambda n, errors: bar.update(n + len(errors)))
    except (ArtifactError, TableError) as exc:
        fail(str(exc))
    typer.echo(f"Размечено {summary.rows} постов → {output}", err=True)
    if summary.failed:
        typer.echo(f"Строк с ошибками: {len(summary.errors)} (пропущены):", err=True)
        print_row_errors(summary.errors)
        raise typer.Exit(EXIT_ROWS_FAILED)


def _count_rows(path: Path) -> int | None:
    """Row count for the progress bar where it is cheap to know (Parquet metadata, JSONL lines)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq
            return pq.ParquetFile(path).metadata.num_rows
        if suffix == ".jsonl":
            with open(path, "rb") as f:
                return sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))
    except OSError:
        return None
    return None


_SEVERITY_STYLE = {"error": typer.colors.RED, "warning": typer.colors.YELLOW, "info": typer.colors.CYAN}
_SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


def highlighted(text: str, issues: list) -> str:
    """The text with every issue's span coloured by its worst severity and numbered after it."""
    rank = [0] * len(text)
    for issue in issues:
        for i in range(issue.start, min(issue.end, len(text))):
            rank[i] = max(rank[i], _SEVERITY_RANK[issue.severity])
    ends: dict[int, list[int]] = {}
    for number, issue in enumerate(issues, 1):
        ends.setdefault(issue.end, []).append(number)
    by_rank = {v: k for k, v in _SEVERITY_RANK.items()}
    out, i = [], 0
    while i < len(text):
        j = i + 1
        while j < len(text) and rank[j] == rank[i] and j not in ends:
            j += 1
        piece = text[i:j]
        out.append(typer.style(piece, fg=_SEVERITY_STYLE[by_rank[rank[i]]], underline=True)
                   if rank[i] else piece)
        if j in ends:
            out.append(typer.style("[" + ",".join(map(str, ends[j])) + "]", dim=True))
        i = j
    return "".join(out)


@app.command()
def score(
    inputs: list[Path] = typer.Argument(..., help="Папки выгрузок: канонические таблицы, VK (wall.json) "
                                         "или Telegram (result.json)."),
    output: Path = typer.Option(..., "-o", "--output", help="Таблица оценок: .csv, .jsonl или .parquet."),
    date_from: str = typer.Option(None, "--from", help="Начало периода, ГГГГ-ММ-ДД (по умолчанию — "
                                  "последний полный квартал)."),
    date_to: str = typer.Option(None, "--to", help="Конец периода (не включая), ГГГГ-ММ-ДД."),
    config: Path = typer.Option(None, "--config", help="TOML с правилами оценки (по умолчанию model/rubric.toml)."),
    json_out: Path = typer.Option(None, "--json", help="Записать полные карточки страниц в JSON."),
    report: Path = typer.Option(None, "--report", help="Записать отчёт для комиссии: один HTML-файл."),
) -> None:
    """Оценить страницы по критериям знака качества и составить рейтинг: общий и по сферам.
    Сломанная выгрузка печатается и пропускается, остальные оцениваются."""
    import pandas as pd

    from model.classifier import ArtifactError, load_bundle
    from model.io.exports import ExportError, read_export
    from model.io.tables import TableError, TableWriter, write_text_atomic
    from model.rubric import load_rubric, rank
    from model.scoring import score_export

    try:
        rubric = load_rubric(config)
        bundle = load_bundle()
        start = pd.Timestamp(date_from, tz="UTC").to_pydatetime() if date_from else None
        end = pd.Timestamp(date_to, tz="UTC").to_pydatetime() if date_to else None
    except (ArtifactError, ValueError) as exc:
        fail(str(exc))
    cards, broken, row_errors = [], [], []
    for path in tqdm(inputs, unit=" выгрузок", desc="Оценка", disable=None):
        try:
            export = read_export(path)
        except ExportError as exc:
            broken.append(str(exc))
            continue
        row_errors.extend(export.errors)
        cards.extend(score_export(export, bundle, rubric, start, end))
    table = rank(cards, rubric)
    try:
        with TableWriter(output) as writer:
            writer.write(table)
    except TableError as exc:
        fail(str(exc))
    if json_out:
        write_text_atomic(json_out, json.dumps([c.to_dict() for c in cards], ensure_ascii=False, indent=2,
                                               default=str))
    if report:
        from model.report import render_report

        write_text_atomic(report, render_report(cards, table, rubric))
    typer.echo(f"Оценено страниц: {len(cards)} → {output} (правила: {rubric.name})", err=True)
    for problem in broken:
        typer.echo(f"Пропущена выгрузка: {problem}", err=True)
    if row_errors:
        typer.echo(f"Строк с ошибками: {len(row_errors)} (пропущены):", err=True)
        print_row_errors(row_errors)
    if broken or row_errors:
        raise typer.Exit(EXIT_ROWS_FAILED)


@app.command("fetch-vk")
def fetch_vk(
    group: str = typer.Argument(..., help="Короткое имя или id сообщества VK."),
    output: Path = typer.Option(..., "-o", "--output", help="Папка для group.json, wall.json, comments.json."),
    token: str = typer.Option(None, "--token", envvar="VK_TOKEN", show_default=False,
                              help="Токен доступа VK (или переменная окружения VK_TOKEN); нигде не сохраняется."),
    max_posts: int = typer.Option(None, "--max-posts", min=1, help="Не больше стольких последних постов."),
) -> None:
    """Выгрузить сообщество VK через API (groups.getById, wall.get, wall.getComments) в папку,
    которую понимает `znak score`."""
    from model.io.vk_fetch import VkClient, VkError, fetch_group

    try:
        folder = fetch_group(VkClient(token or ""), group, output, max_posts)
    except VkError as exc:
        fail(str(exc))
    typer.echo(f"Выгрузка сообщества {group} → {folder}", err=True)


def _is_file(argument: str) -> bool:
    """Whether an argument names a file (a long draft is not a path, even when it could be)."""
    try:
        return "\n" not in argument and Path(argument).is_file()
    except OSError:  # e.g. a name longer than the file system allows
        return False


@app.command()
def check(
    draft: str = typer.Argument(..., help="Текст черновика или путь к файлу с ним; «-» — читать из stdin."),
    as_json: bool = typer.Option(False, "--json", help="Напечатать отчёт как JSON."),
) -> None:
    """Проверить черновик поста: тип, оценка 0–10 и подсказки с местом в тексте
    (канцелярит, штампы, длинные предложения, нет даты в анонсе…)."""
    import sys

    from model.classifier import ArtifactError, load_bundle
    from model.draft import check_draft

    if draft == "-":
        text = sys.stdin.read()
    elif _is_file(draft):
        text = Path(draft).read_text(encoding="utf-8")
    else:
        text = draft
    if not text.strip():
        fail("пустой черновик: передайте текст, путь к файлу или «-» для stdin")
    try:
        classifier = load_bundle().post_type
    except ArtifactError as exc:
        fail(str(exc))
    report = check_draft(text, classifier)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(highlighted(text, report.issues))
    typer.echo("")
    probabilities = ", ".join(f"{k} {v:.0%}" for k, v in
                              sorted(report.probabilities.items(), key=lambda kv: -kv[1]))
    typer.echo(f"Оценка: {report.score:.1f} из 10   Тип: {report.label} ({probabilities})")
    s = report.stats
    typer.echo(f"Слов {s.words}, предложений {s.sentences}, в среднем {s.mean_sentence_length} слов, "
               f"удобочитаемость {s.readability}, стоп-слов {s.stopword_share:.0%}")
    for number, issue in enumerate(report.issues, 1):
        line = text.count("\n", 0, issue.start) + 1
        typer.echo(typer.style(f"[{number}] ", fg=_SEVERITY_STYLE[issue.severity])
                   + f"строка {line}: {issue.message}")
    if not report.issues:
        typer.echo("Замечаний нет.")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Адрес для HTTP-сервиса."),
    port: int = typer.Option(8000, "--port", help="Порт."),
    workers: int = typer.Option(1, "--workers", min=1, help="Число процессов uvicorn."),
) -> None:
    """Запустить HTTP-сервис znak (API и страницу для администраторов)."""
    import uvicorn

    os.environ.setdefault("ZNAK_LOG_LEVEL", "info")
    uvicorn.run("service.app:app_from_env", factory=True, host=host, port=port, workers=workers)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
