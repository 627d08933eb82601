"""Page exports in their real shapes become the canonical tables."""

import json

import pandas as pd
import pytest

from model.io.exports import ExportError, read_export


def write_json(path, payload):
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")


def test_canonical_folder_with_a_bad_date(tmp_path):
    pd.DataFrame([{"page_id": 1, "name": "ДК «Родник»", "sphere": "culture", "subscribers": 900,
                   "verified": "true"}]).to_csv(tmp_path / "pages.csv", index=False)
    pd.DataFrame([
        {"page_id": 1, "post_id": 10, "published_at": "2026-09-01T10:00:00+03:00", "text": "Концерт"},
        {"page_id": 1, "post_id": 11, "published_at": "вчера", "text": "Сломанная дата"},
        {"page_id": 1, "post_id": 12, "published_at": 1788000000, "text": "Unix time"},
    ]).to_csv(tmp_path / "posts.csv", index=False)
    export = read_export(tmp_path)
    assert list(export.posts["post_id"]) == ["10", "12"]
    assert [str(e) for e in export.errors] == [f"{tmp_path / 'posts.csv'}, строка 3: не распознана дата "
                                               "published_at: «вчера»"]
    assert export.posts["published_at"].iloc[0] == pd.Timestamp("2026-09-01T07:00:00Z")
    assert export.posts["views"].isna().all()  # not exported, not zero
    assert export.comments is None
    assert export.pages["verified"].tolist() == [True]


def test_canonical_folder_missing_required_column(tmp_path):
    pd.DataFrame([{"page_id": 1}]).to_csv(tmp_path / "pages.csv", index=False)
    pd.DataFrame([{"page_id": 1, "text": "x"}]).to_csv(tmp_path / "posts.csv", index=False)
    with pytest.raises(ExportError, match="name"):
        read_export(tmp_path)


def test_vk_folder(tmp_path):
    write_json(tmp_path / "group.json", {"response": [{
        "id": 123, "name": "МБОУ СОШ № 5", "description": "Официальная страница", "members_count": 1500,
        "verified": 1, "cover": {"enabled": 1}, "photo_200": "https://…", "site": "https://school5.ru",
        "contacts": [{"user_id": 1, "phone": "+7 (8172) 55-12-30"}, {"email": "s5@edu.ru"}],
        "activity": "Школа"}]})
    post = {"id": 1, "date": 1788000000, "text": "Новости", "likes": {"count": 5}, "reposts": {"count": 1},
            "comments": {"count": 2}, "views": {"count": 300}, "attachments": [{"type": "photo"}]}
    repost = {"id": 2, "date": 1788100000, "text": "", "likes": {"count": 0}, "reposts": {"count": 0},
              "comments": {"count": 0}, "copy_history": [{"text": "Репост новости министерства"}]}
    write_json(tmp_path / "wall.json", [{"response": {"count": 2, "items": [post]}},
                                        {"response": {"count": 2, "items": [repost]}}])
    write_json(tmp_path / "comments.json", [
        {"id": 7, "post_id": 1, "from_id": 555, "date": 1788001000, "text": "а когда собрание?"},
        {"id": 8, "post_id": 1, "from_id": -123, "date": 1788002000, "text": "В четверг", "reply_to_comment": 7},
    ])
    export = read_export(tmp_path)
    page = export.pages.iloc[0]
    assert (page["page_id"], page["verified"], page["has_cover"], page["subscribers"]) == ("vk:123", True, True, 1500)
    assert page["phone"] == "+7 (8172) 55-12-30" and page["email"] == "s5@edu.ru"
    assert list(export.posts["text"]) == ["Новости", "Репост новости министерства"]
    assert export.posts["views"].iloc[0] == 300 and pd.isna(export.posts["views"].iloc[1])
    assert export.posts["attachments"].iloc[0] == "photo"
    assert list(export.comments["from_page"]) == [False, True]
    assert export.comments["reply_to"].iloc[1] == "7"


def test_telegram_export(tmp_path):
    write_json(tmp_path / "result.json", {"name": "Администрация района", "type": "public_channel", "id": 42,
                                          "messages": [
        {"id": 1, "type": "service", "date": "2026-09-01T09:00:00", "action": "create_channel"},
        {"id": 2, "type": "message", "date": "2026-09-01T10:00:00", "date_unixtime": "1788246000",
         "text": ["Приём граждан ", {"type": "bold", "text": "отменён"}], "photo": "photos/1.jpg"},
        {"id": 3, "type": "message", "date": "2026-09-02T10:00:00", "date_unixtime": "1788332400",
         "text": "", "poll": {"question": "Где поставить лавочки?"}},
    ]})
    export = read_export(tmp_path)
    assert list(export.posts["text"]) == ["Приём граждан отменён", ""]
    assert list(export.posts["attachments"]) == ["photo", "poll"]
    assert export.posts["views"].isna().all()
    assert export.pages["platform"].iloc[0] == "telegram"


def test_unknown_folder(tmp_path):
    with pytest.raises(ExportError, match="нет ни pages"):
        read_export(tmp_path)
