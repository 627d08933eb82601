"""Regenerate examples/: a dozen demo pages of clearly different quality, in all three formats.

The posts are real corpus texts of the page's institution kind (training_data/posts.csv); the
metrics, rhythm, profiles and comments follow a per-page "quality" knob, so that
`znak score examples/*` shows good, middling and poor pages side by side. Seeded: the output is
the same on every run. Run: python scripts/make_examples.py
"""

from __future__ import annotations

import json
import random
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples"
START = datetime(2026, 7, 1, tzinfo=UTC)
DAYS = 100  # July to early October: the third quarter is the last full one

# name, format, sphere, institution kind, quality 0..1
PAGES = [
    ("МБОУ «Средняя школа № 12» г. Вологды", "canonical", "education", "school", 0.95),
    ("Детский сад № 7 «Солнышко», Котлас", "vk", "education", "kindergarten", 0.55),
    ("Центральная районная библиотека, Кириллов", "canonical", "culture", "library", 0.85),
    ("Краеведческий музей, Тотьма", "telegram", "culture", "museum", 0.6),
    ("Дом культуры с. Устье", "vk", "culture", "culture_house", 0.3),
    ("ЦРБ Никольского района", "vk", "health", "hospital", 0.75),
    ("Поликлиника № 3, Череповец", "telegram", "health", "hospital", 0.2),
    ("Спортивная школа «Олимп», Сокол", "canonical", "sport", "sport", 0.5),
    ("КЦСОН Грязовецкого района", "vk", "social", "social", 0.8),
    ("Центр занятости, Великий Устюг", "telegram", "social", "employment", 0.4),
    ("Администрация Шекснинского района", "vk", "administration", "administration", 0.9),
    ("МФЦ Бабаевского округа", "canonical", "administration", "mfc", 0.15),
]
QUESTIONS = [
    "а в субботу вы работаете?",
    "когда будет горячая вода на Ленина 5",
    "подскажите куда обращаться за справкой",
    "почему не отвечаете на звонки?",
    "можно записаться онлайн",
]
CHATTER = ["спасибо большое!", "👍👍", "молодцы", "красота какая", "поздравляем!"]


def page_posts(rng: random.Random, corpus: pd.DataFrame, kind: str, quality: float) -> list[dict]:
    """Posts of one page: more often, more varied and better received the higher the quality."""
    texts = corpus[corpus["institution"] == kind]
    if quality < 0.4:  # poor pages post mostly official news
        texts = pd.concat([texts[texts["label"] == "official"]] * 3 + [texts])
    gap_days = 1.0 + (1 - quality) * 5
    posts, day = [], 0.0
    while day < DAYS:
        row = texts.sample(1, random_state=rng.randrange(10**9)).iloc[0]
        when = START + timedelta(days=day, hours=rng.randint(8, 19), minutes=rng.randint(0, 59))
        media = rng.random() < 0.3 + 0.65 * quality
        posts.append(
            {
                "text": row["text"],
                "when": when,
                "views": int(rng.gauss(0.15 + 0.7 * quality, 0.1) * 2000),
                "likes": int(max(0, rng.gauss(5 + 60 * quality, 5))),
                "reposts": rng.randint(0, int(2 + 8 * quality)),
                "attachments": ("photo" if media else "")
                + (",poll" if row["label"] == "interactive" and rng.random() < 0.5 else "")
                + (",video" if rng.random() < quality / 4 else ""),
            }
        )
        day += rng.expovariate(1 / gap_days) + (14 if rng.random() < (1 - quality) * 0.05 else 0)
    return posts


def page_comments(rng: random.Random, posts: list[dict], quality: float) -> list[dict]:
    comments = []
    for i, post in enumerate(posts):
        for j in range(rng.randint(0, 3)):
            asks = rng.random() < 0.4
            when = post["when"] + timedelta(hours=rng.randint(1, 30))
            cid = f"{i}-{j}"
            comments.append(
                {
                    "id": cid,
                    "post": i,
                    "when": when,
                    "text": rng.choice(QUESTIONS if asks else CHATTER),
                    "page": False,
                    "reply_to": None,
                }
            )
            if asks and (quality >= 0.9 or rng.random() < quality):
                comments.append(
                    {
                        "id": f"{cid}-r",
                        "post": i,
                        "when": when + timedelta(hours=rng.randint(1, 20 + int(60 * (1 - quality)))),
                        "text": "Добрый день! Ответили вам в личных сообщениях.",
                        "page": True,
                        "reply_to": cid,
                    }
                )
    return comments


def profile(name: str, quality: float, rng: random.Random) -> dict:
    good = quality >= 0.5
    return {
        "description": f"Официальная страница: {name}. Новости, услуги, ответы на вопросы. "
        + ("Тел. 8 (8172) 55-12-30, info@example.ru, ул. Ленина, 1, пн–пт 9:00–18:00" if good else ""),
        "verified": quality >= 0.35,
        "has_cover": good or rng.random() < 0.5,
        "subscribers": int(800 + 4000 * rng.random()),
    }


def write_canonical(folder: Path, page_id: str, name: str, sphere: str, prof: dict, posts, comments) -> None:
    pd.DataFrame(
        [
            {
                "page_id": page_id,
                "name": name,
                "platform": "vk",
                "sphere": sphere,
                "region": "Вологодская область",
                "has_avatar": True,
                **prof,
                "site": "https://example.ru" if prof["verified"] else None,
            }
        ]
    ).to_csv(folder / "pages.csv", index=False)
    pd.DataFrame(
        [
            {
                "page_id": page_id,
                "post_id": i,
                "published_at": p["when"].isoformat(),
                "text": p["text"],
                "views": p["views"],
                "likes": p["likes"],
                "comments": 0,
                "reposts": p["reposts"],
                "attachments": p["attachments"].strip(","),
            }
            for i, p in enumerate(posts)
        ]
    ).to_csv(folder / "posts.csv", index=False)
    pd.DataFrame(
        [
            {
                "page_id": page_id,
                "post_id": c["post"],
                "comment_id": c["id"],
                "published_at": c["when"].isoformat(),
                "text": c["text"],
                "from_page": c["page"],
                "reply_to": c["reply_to"],
            }
            for c in comments
        ]
    ).to_json(folder / "comments.jsonl", orient="records", lines=True, force_ascii=False)


def write_vk(folder: Path, group_id: int, name: str, sphere: str, prof: dict, posts, comments) -> None:
    group = {
        "id": group_id,
        "name": name,
        "activity": sphere,
        "description": prof["description"],
        "members_count": prof["subscribers"],
        "verified": int(prof["verified"]),
        "cover": {"enabled": int(prof["has_cover"])},
        "photo_200": "https://…",
        "site": "",
        "contacts": [],
    }
    (folder / "group.json").write_text(
        json.dumps({"response": [group]}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    items = [
        {
            "id": i + 1,
            "date": int(p["when"].timestamp()),
            "text": p["text"],
            "likes": {"count": p["likes"]},
            "reposts": {"count": p["reposts"]},
            "comments": {"count": sum(c["post"] == i for c in comments)},
            "views": {"count": p["views"]},
            "attachments": [{"type": t} for t in p["attachments"].split(",") if t],
        }
        for i, p in enumerate(posts)
    ]
    pages = [{"response": {"count": len(items), "items": items[k : k + 100]}} for k in range(0, len(items), 100)]
    (folder / "wall.json").write_text(json.dumps(pages, ensure_ascii=False, indent=1), encoding="utf-8")
    ids = {c["id"]: n + 1 for n, c in enumerate(comments)}
    (folder / "comments.json").write_text(
        json.dumps(
            [
                {
                    "id": ids[c["id"]],
                    "post_id": c["post"] + 1,
                    "from_id": -group_id if c["page"] else 1000 + n,
                    "date": int(c["when"].timestamp()),
                    "text": c["text"],
                    **({"reply_to_comment": ids[c["reply_to"]]} if c["reply_to"] else {}),
                }
                for n, c in enumerate(comments)
            ],
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )


def write_telegram(folder: Path, channel_id: int, name: str, posts) -> None:
    messages = [
        {
            "id": i + 1,
            "type": "message",
            "date": p["when"].strftime("%Y-%m-%dT%H:%M:%S"),
            "date_unixtime": str(int(p["when"].timestamp())),
            "text": p["text"],
            **({"photo": f"photos/{i}.jpg"} if "photo" in p["attachments"] else {}),
            **({"poll": {"question": "?"}} if "poll" in p["attachments"] else {}),
        }
        for i, p in enumerate(posts)
    ]
    (folder / "result.json").write_text(
        json.dumps(
            {"name": name, "type": "public_channel", "id": channel_id, "messages": messages},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )


def main() -> None:
    corpus = pd.read_csv(ROOT / "training_data" / "posts.csv")
    shutil.rmtree(OUT, ignore_errors=True)
    for n, (name, kind_of_export, sphere, kind, quality) in enumerate(PAGES, 1):
        rng = random.Random(n)
        folder = OUT / f"{n:02d}-{kind_of_export}-{kind}"
        folder.mkdir(parents=True)
        posts = page_posts(rng, corpus, kind, quality)
        comments = page_comments(rng, posts, quality)
        prof = profile(name, quality, rng)
        if kind_of_export == "canonical":
            write_canonical(folder, f"demo-{n:02d}", name, sphere, prof, posts, comments)
        elif kind_of_export == "vk":
            write_vk(folder, 100000 + n, name, sphere, prof, posts, comments)
        else:
            write_telegram(folder, 200000 + n, name, posts)
    print(f"{len(PAGES)} demo pages written to {OUT}")


if __name__ == "__main__":
    main()
