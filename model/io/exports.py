"""Page exports → znak's canonical tables (pages, posts, comments), in exactly one place.

Three inputs are understood: a folder of canonical tables (``pages``, ``posts``, ``comments`` as
CSV, JSONL or Parquet), a VK API export folder (``group.json``, ``wall.json``, optional
``comments.json``) and a Telegram Desktop channel export (``result.json``). A column that an
export does not have stays missing (NaN) — "not exported", never zero.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from model.io.tables import FORMATS, RowError

PAGE_COLUMNS = ("page_id", "name", "platform", "sphere", "region", "subscribers", "description",
                "has_avatar", "has_cover", "verified", "site", "phone", "email", "address", "hours")
POST_COLUMNS = ("page_id", "post_id", "published_at", "text", "views", "likes", "comments", "reposts",
                "attachments")
COMMENT_COLUMNS = ("page_id", "post_id", "comment_id", "published_at", "text", "from_page", "reply_to")
_REQUIRED = {"pages": ("page_id", "name"), "posts": ("page_id", "post_id", "published_at"),
             "comments": ("page_id", "post_id", "comment_id", "published_at")}


class ExportError(ValueError):
    """The export as a whole cannot be read; the message names the file and what is wrong."""


@dataclass
class PageExport:
    pages: pd.DataFrame
    posts: pd.DataFrame
    comments: pd.DataFrame | None  # None: comments were not exported
    source: str
    errors: list[RowError] = field(default_factory=list)


def read_export(path: Path) -> PageExport:
    """Any supported export, recognised by the files it holds."""
    path = Path(path)
    if path.is_file() and path.name == "result.json":
        return read_telegram(path)
    if not path.is_dir():
        raise ExportError(f"{path}: не папка выгрузки и не result.json Telegram")
    if (path / "wall.json").exists():
        return read_vk(path)
    if (path / "result.json").exists():
        return read_telegram(path / "result.json")
    if any((path / f"pages{s}").exists() for s in FORMATS):
        return read_canonical(path)
    raise ExportError(f"{path}: нет ни pages.csv/.jsonl/.parquet, ни wall.json (VK), ни result.json (Telegram)")


def _table_file(folder: Path, name: str) -> Path | None:
    found = [folder / f"{name}{suffix}" for suffix in FORMATS if (folder / f"{name}{suffix}").exists()]
    return found[0] if found else None


def _read_table(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        if suffix == ".jsonl":
            return pd.read_json(path, lines=True, dtype=False)
        return pd.read_parquet(path)
    except (ValueError, OSError) as exc:
        raise ExportError(f"{path}: не читается: {exc}") from exc


def _first_line(path: Path) -> int:
    """Line number of the first data row: CSV has a header line, JSONL and Parquet do not."""
    return 2 if path.suffix.lower() == ".csv" else 1


def _with_columns(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    for column in columns:
        if column not in frame.columns:
            frame[column] = pd.NA
    return frame


def _parse_times(frame: pd.DataFrame, path: Path, errors: list[RowError]) -> pd.DataFrame:
    """Parse `published_at` (ISO text or Unix seconds) as UTC; unparseable rows are reported."""
    raw = frame["published_at"]
    numeric = pd.to_numeric(raw, errors="coerce")
    parsed = pd.to_datetime(numeric, unit="s", utc=True, errors="coerce")
    text_rows = numeric.isna()
    parsed[text_rows] = pd.to_datetime(raw[text_rows], utc=True, errors="coerce", format="mixed")
    bad = parsed.isna()
    for index in frame.index[bad]:
        errors.append(RowError(str(path), int(index) + _first_line(path),
                               f"не распознана дата published_at: «{raw[index]}»"))
    frame = frame.loc[~bad].copy()
    frame["published_at"] = parsed[~bad]
    return frame


def _numbers(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def _booleans(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    truth = {"true": True, "1": True, "yes": True, "да": True, "false": False, "0": False, "no": False, "нет": False}
    for column in columns:
        frame[column] = frame[column].map(lambda v: v if isinstance(v, bool) or pd.isna(v)
                                          else truth.get(str(v).strip().lower(), pd.NA))
    return frame


def read_canonical(folder: Path) -> PageExport:
    errors: list[RowError] = []
    tables = {}
    for name in ("pages", "posts", "comments"):
        path = _table_file(folder, name)
        if path is None:
            if name == "comments":
                tables[name] = None
                continue
            raise ExportError(f"{folder}: нет таблицы {name}.csv/.jsonl/.parquet")
        frame = _read_table(path)
        missing = [c for c in _REQUIRED[name] if c not in frame.columns]
        if missing:
            raise ExportError(f"{path}: нет обязательных столбцов {', '.join(missing)}")
        if "published_at" in frame.columns:
            frame = _parse_times(frame, path, errors)
        for key in ("page_id", "post_id", "comment_id", "reply_to"):
            if key in frame.columns:
                frame[key] = frame[key].map(lambda v: v if pd.isna(v) else str(v).removesuffix(".0"))
        tables[name] = frame
    pages = _booleans(_numbers(_with_columns(tables["pages"], PAGE_COLUMNS), ("subscribers",)),
                      ("has_avatar", "has_cover", "verified"))
    posts = _numbers(_with_columns(tables["posts"], POST_COLUMNS), ("views", "likes", "comments", "reposts"))
    comments = tables["comments"]
    if comments is not None:
        comments = _booleans(_with_columns(comments, COMMENT_COLUMNS), ("from_page",))
    return PageExport(pages, posts, comments, str(folder), errors)


def _load_json(path: Path):
    if not path.is_file():
        raise ExportError(f"{path}: файла нет в выгрузке")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExportError(f"{path}: не JSON: {exc}") from exc


def _vk_items(payload) -> list[dict]:
    """Items of API responses: one `{"response": {"items": …}}`, a list of such responses
    (pages of wall.get), or a plain list of items (comments.json)."""
    items = []
    for part in payload if isinstance(payload, list) else [payload]:
        if isinstance(part, dict) and ("response" in part or "items" in part):
            body = part.get("response", part)
            items.extend(body.get("items", []) if isinstance(body, dict) else body)
        elif isinstance(part, dict):
            items.append(part)
    return items


def _vk_group(payload, path: Path) -> dict:
    body = payload.get("response", payload) if isinstance(payload, dict) else payload
    if isinstance(body, dict) and "groups" in body:
        body = body["groups"]
    if isinstance(body, list):
        body = body[0] if body else None
    if not isinstance(body, dict) or "id" not in body:
        raise ExportError(f"{path}: нет описания сообщества (groups.getById)")
    return body


def read_vk(folder: Path) -> PageExport:
    group = _vk_group(_load_json(folder / "group.json"), folder / "group.json")
    page_id = f"vk:{group['id']}"
    contacts = group.get("contacts") or []
    addresses = group.get("addresses") or {}
    main_address = addresses.get("main_address") if isinstance(addresses, dict) else None
    page = {
        "page_id": page_id, "name": group.get("name"), "platform": "vk", "sphere": group.get("activity"),
        "region": (group.get("city") or {}).get("title") if isinstance(group.get("city"), dict) else None,
        "subscribers": group.get("members_count"), "description": group.get("description"),
        "has_avatar": bool(group.get("photo_200") or group.get("has_photo")) if
        ("photo_200" in group or "has_photo" in group) else pd.NA,
        "has_cover": bool((group.get("cover") or {}).get("enabled")) if "cover" in group else pd.NA,
        "verified": bool(group.get("verified")) if "verified" in group else pd.NA,
        "site": group.get("site") or None,
        "phone": next((c.get("phone") for c in contacts if c.get("phone")), None),
        "email": next((c.get("email") for c in contacts if c.get("email")), None),
        "address": (main_address or {}).get("address") if isinstance(main_address, dict) else None,
        "hours": None,
    }
    posts = []
    for item in _vk_items(_load_json(folder / "wall.json")):
        text = item.get("text") or ""
        for repost in item.get("copy_history") or []:
            text = (text + "\n\n" + (repost.get("text") or "")).strip()
        posts.append({
            "page_id": page_id, "post_id": str(item.get("id")),
            "published_at": pd.to_datetime(item.get("date"), unit="s", utc=True),
            "text": text,
            "views": (item.get("views") or {}).get("count", pd.NA) if "views" in item else pd.NA,
            "likes": (item.get("likes") or {}).get("count", pd.NA),
            "comments": (item.get("comments") or {}).get("count", pd.NA),
            "reposts": (item.get("reposts") or {}).get("count", pd.NA),
            "attachments": ",".join(a.get("type", "") for a in item.get("attachments") or []),
        })
    comments = None
    if (folder / "comments.json").exists():
        rows = []
        for item in _vk_items(_load_json(folder / "comments.json")):
            rows.append({
                "page_id": page_id, "post_id": str(item.get("post_id")), "comment_id": str(item.get("id")),
                "published_at": pd.to_datetime(item.get("date"), unit="s", utc=True),
                "text": item.get("text") or "",
                "from_page": item.get("from_id") == -int(group["id"]),
                "reply_to": str(item["reply_to_comment"]) if item.get("reply_to_comment") else None,
            })
        comments = pd.DataFrame(rows, columns=list(COMMENT_COLUMNS))
    return PageExport(pd.DataFrame([page], columns=list(PAGE_COLUMNS)),
                      pd.DataFrame(posts, columns=list(POST_COLUMNS)), comments, str(folder))


def _telegram_text(value) -> str:
    """Telegram keeps formatted text as a list of plain strings and {"type", "text"} pieces."""
    if isinstance(value, str):
        return value
    return "".join(part if isinstance(part, str) else part.get("text", "") for part in value or [])


def read_telegram(path: Path) -> PageExport:
    export = _load_json(path)
    if not isinstance(export, dict) or "messages" not in export:
        raise ExportError(f"{path}: не экспорт канала Telegram Desktop (нет messages)")
    page_id = f"tg:{export.get('id')}"
    page = {column: pd.NA for column in PAGE_COLUMNS}
    page.update({"page_id": page_id, "name": export.get("name"), "platform": "telegram"})
    posts = []
    for message in export["messages"]:
        if message.get("type") != "message":
            continue
        kinds = []
        if "photo" in message:
            kinds.append("photo")
        if message.get("media_type") in ("video_file", "animation", "round_video_message"):
            kinds.append("video")
        if "poll" in message:
            kinds.append("poll")
        stamp = message.get("date_unixtime")
        posts.append({
            "page_id": page_id, "post_id": str(message.get("id")),
            "published_at": pd.to_datetime(int(stamp), unit="s", utc=True) if stamp
            else pd.to_datetime(message.get("date"), utc=True),
            "text": _telegram_text(message.get("text")),
            "views": pd.NA,  # Telegram Desktop does not export views
            "likes": sum(r.get("count", 0) for r in message.get("reactions", [])) if "reactions" in message else pd.NA,
            "comments": pd.NA, "reposts": pd.NA, "attachments": ",".join(kinds),
        })
    return PageExport(pd.DataFrame([page], columns=list(PAGE_COLUMNS)),
                      pd.DataFrame(posts, columns=list(POST_COLUMNS)), None, str(path))
