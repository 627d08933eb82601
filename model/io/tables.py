"""Streaming readers and atomic writers for CSV, JSONL and Parquet tables.

Readers yield chunks of valid rows plus the rows that could not be read, each with its line
number (the header is line 1 of a CSV; Parquet rows are numbered from 1), so a batch job reports
a bad row and goes on. Writers write to a hidden temporary file and rename it into place only
when the whole job succeeded: an interrupted job never leaves a file that looks complete.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

FORMATS = (".csv", ".jsonl", ".parquet")
csv.field_size_limit(sys.maxsize)


class TableError(ValueError):
    """The whole file cannot be read (unknown format, missing column, not a table)."""


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, строка {self.line}: {self.reason}"


@dataclass
class Chunk:
    rows: pd.DataFrame
    errors: list[RowError] = field(default_factory=list)


def table_format(path: Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise TableError(f"{path}: неизвестный формат «{suffix or 'без расширения'}»; "
                         f"поддерживаются {', '.join(FORMATS)}")
    return suffix


def read_chunks(path: Path, text_column: str = "text", chunk_size: int = 10_000) -> Iterator[Chunk]:
    """Stream a table in chunks; a row whose `text_column` is missing or not a string is an error."""
    path = Path(path)
    if not path.is_file():
        raise TableError(f"Файл не найден: {path}")
    reader = {".csv": _csv_records, ".jsonl": _jsonl_records, ".parquet": _parquet_records}
    records: list[dict] = []
    errors: list[RowError] = []
    for line, record, problem in reader[table_format(path)](path, text_column):
        if problem is None and not isinstance(record.get(text_column), str):
            problem = f"нет текста в столбце «{text_column}»"
        if problem is not None:
            errors.append(RowError(str(path), line, problem))
        else:
            records.append(record)
        if len(records) >= chunk_size:
            yield Chunk(pd.DataFrame.from_records(records), errors)
            records, errors = [], []
    if records or errors:
        yield Chunk(pd.DataFrame.from_records(records), errors)


def _csv_records(path: Path, text_column: str):
    # surrogateescape keeps undecodable bytes so that one bad row is reported, not the file lost
    with open(path, encoding="utf-8", newline="", errors="surrogateescape") as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            raise TableError(f"{path}: пустой файл, нет заголовка") from None
        if text_column not in header:
            raise TableError(f"{path}: нет столбца «{text_column}» (есть: {', '.join(header)})")
        line = reader.line_num
        while True:
            start = line + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                line = reader.line_num
                yield start, {}, f"строка CSV не читается: {exc}"
                continue
            line = reader.line_num
            if len(row) != len(header):
                yield start, {}, f"{len(row)} полей вместо {len(header)}"
                continue
            try:
                "".join(row).encode("utf-8")
            except UnicodeEncodeError:
                yield start, {}, "текст не в кодировке UTF-8"
                continue
            yield start, dict(zip(header, row, strict=True)), None


def _jsonl_records(path: Path, text_column: str):
    with open(path, "rb") as f:
        for line, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield line, {}, f"не JSON: {exc}"
                continue
            if not isinstance(record, dict):
                yield line, {}, "строка JSONL должна быть объектом"
                continue
            yield line, record, None


def _parquet_records(path: Path, text_column: str):
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise TableError(f"{path}: не Parquet: {exc}") from exc
    if text_column not in parquet.schema_arrow.names:
        raise TableError(f"{path}: нет столбца «{text_column}»")
    line = 0
    for batch in parquet.iter_batches(batch_size=65_536):
        for record in batch.to_pylist():
            line += 1
            yield line, record, None


def write_text_atomic(path: Path, content: str) -> None:
    """Write a whole text file so that readers see the old file or the new one, never a part."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


@contextmanager
def atomic_directory(target: Path) -> Iterator[Path]:
    """Yield a hidden temporary folder beside `target`; on success it replaces `target` whole,
    on any error it is removed, so `target` is never half-written."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        yield tmp
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


class TableWriter:
    """Append chunks to a CSV, JSONL or Parquet file that appears only on a clean close."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.format = table_format(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
        os.close(fd)
        self._tmp = Path(tmp)
        self._parquet: pq.ParquetWriter | None = None
        self._schema: pa.Schema | None = None
        self._rows = 0

    def write(self, frame: pd.DataFrame) -> None:
        if self.format == ".parquet":
            self._write_parquet(frame)
        elif self.format == ".csv":
            frame.to_csv(self._tmp, mode="a", header=self._rows == 0, index=False)
        else:
            with open(self._tmp, "a", encoding="utf-8") as f:
                records = frame.to_dict(orient="records")
                f.writelines(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records)
        self._rows += len(frame)

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        table = pa.Table.from_pandas(frame, schema=self._schema, preserve_index=False)
        if self._parquet is None:
            self._schema = table.schema
            self._parquet = pq.ParquetWriter(self._tmp, self._schema)
        self._parquet.write_table(table)

    def commit(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        elif self.format == ".parquet":  # no rows at all: still a valid empty file
            pq.write_table(pa.table({}), self._tmp)
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()
