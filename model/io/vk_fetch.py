"""Fetch a VK community's export folder (group.json, wall.json, comments.json) from the VK API.

The token is sent in the POST body only, never in a URL, a file or a log line. Requests are
spaced to at most `rate` per second (VK allows 3 for a user token) and retried with back-off
when VK answers with a rate-limit error.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from model.io.tables import atomic_directory

API_URL = "https://api.vk.com/method/"
API_VERSION = "5.199"
RATE_LIMIT_ERRORS = {6, 9, 29}  # too many requests per second, flood control, rate limit reached
GROUP_FIELDS = "description,contacts,site,verified,cover,members_count,activity,addresses,city,photo_200"


class VkError(RuntimeError):
    """VK refused or the network failed; the message never contains the token."""


class VkClient:
    def __init__(self, token: str, api_url: str | None = None, rate: float = 3.0, retries: int = 5,
                 sleep: Callable[[float], None] = time.sleep):
        if not token:
            raise VkError("Нужен токен VK: --token или переменная окружения VK_TOKEN")
        self._token = token
        self.api_url = (api_url or os.environ.get("ZNAK_VK_API") or API_URL).rstrip("/") + "/"
        self.interval = 1.0 / rate
        self.retries = retries
        self._sleep = sleep
        self._last = 0.0

    def call(self, method: str, **params) -> dict | list:
        body = urllib.parse.urlencode({**params, "v": API_VERSION, "access_token": self._token}).encode()
        for attempt in range(self.retries + 1):
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                self._sleep(wait)
            self._last = time.monotonic()
            try:
                with urllib.request.urlopen(urllib.request.Request(self.api_url + method, data=body), timeout=30) as r:
                    payload = json.loads(r.read().decode("utf-8"))
            except (urllib.error.URLError, TimeoutError, json.JSONDecodeError) as exc:
                raise VkError(f"VK API {method}: нет ответа ({type(exc).__name__})") from None
            error = payload.get("error")
            if not error:
                return payload["response"]
            if error.get("error_code") in RATE_LIMIT_ERRORS and attempt < self.retries:
                self._sleep(self.interval * 2 ** attempt)
                continue
            raise VkError(f"VK API {method}: ошибка {error.get('error_code')}: {error.get('error_msg')}")
        raise VkError(f"VK API {method}: превышен лимит запросов")


def fetch_group(client: VkClient, group: str, target: Path, max_posts: int | None = None) -> Path:
    """Write group.json, wall.json and comments.json for a community into `target` atomically."""
    groups = client.call("groups.getById", group_id=group, fields=GROUP_FIELDS)
    info = groups["groups"][0] if isinstance(groups, dict) else groups[0]
    owner = -int(info["id"])
    pages, items, offset = [], [], 0
    while True:
        response = client.call("wall.get", owner_id=owner, count=100, offset=offset)
        pages.append({"response": response})
        items.extend(response["items"])
        offset += len(response["items"])
        if not response["items"] or offset >= response["count"] or (max_posts and offset >= max_posts):
            break
    comments = []
    for item in items:
        if (item.get("comments") or {}).get("count", 0) == 0:
            continue
        offset = 0
        while True:
            response = client.call("wall.getComments", owner_id=owner, post_id=item["id"], count=100,
                                   offset=offset, thread_items_count=10)
            for comment in response["items"]:
                comments.append({**comment, "post_id": item["id"]})
                comments.extend({**reply, "post_id": item["id"]}
                                for reply in (comment.get("thread") or {}).get("items", []))
            offset += len(response["items"])
            if not response["items"] or offset >= response["count"]:
                break
    with atomic_directory(target) as tmp:
        for name, payload in (("group.json", {"response": [info]}), ("wall.json", pages),
                              ("comments.json", comments)):
            (tmp / name).write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return Path(target)
