"""`znak fetch-vk` against a local fake VK API: paging, comments, rate limit, retries, no token leaks."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from typer.testing import CliRunner

from model.io.exports import read_export
from scripts.cli import app

TOKEN = "vk1.a.secret-token-value"
POSTS = [{"id": i, "date": 1788000000 + i * 3600, "text": f"Пост {i}", "likes": {"count": i},
          "reposts": {"count": 0}, "comments": {"count": 1 if i == 3 else 0}, "views": {"count": 100}}
         for i in range(1, 251)]


class FakeVk(BaseHTTPRequestHandler):
    calls: list = []
    fail_first_wall_get = True

    def do_POST(self):  # noqa: N802 (http.server's name)
        params = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
        method = self.path.rsplit("/", 1)[-1]
        FakeVk.calls.append((time.monotonic(), method, params))
        if params.get("access_token") != TOKEN or params.get("v") != "5.199":
            return self.reply({"error": {"error_code": 5, "error_msg": "User authorization failed"}})
        if method == "wall.get" and FakeVk.fail_first_wall_get:
            FakeVk.fail_first_wall_get = False
            return self.reply({"error": {"error_code": 6, "error_msg": "Too many requests per second"}})
        if method == "groups.getById":
            return self.reply({"response": {"groups": [{"id": 77, "name": "Библиотека", "verified": 1,
                                                        "members_count": 900}]}})
        if method == "wall.get":
            offset, count = int(params["offset"]), int(params["count"])
            return self.reply({"response": {"count": len(POSTS), "items": POSTS[offset:offset + count]}})
        if method == "wall.getComments":
            return self.reply({"response": {"count": 1, "items": [
                {"id": 9, "from_id": 5, "date": 1788010000, "text": "а во сколько?",
                 "thread": {"count": 1, "items": [{"id": 10, "from_id": -77, "date": 1788011000,
                                                   "text": "В 15:00", "reply_to_comment": 9}]}}]}})
        return self.reply({"error": {"error_code": 3, "error_msg": "Unknown method"}})

    def reply(self, payload):
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_vk(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeVk)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeVk.calls, FakeVk.fail_first_wall_get = [], True
    monkeypatch.setenv("ZNAK_VK_API", f"http://127.0.0.1:{server.server_address[1]}/method/")
    yield FakeVk
    server.shutdown()


def test_fetch_vk_writes_a_folder_znak_can_score(fake_vk, tmp_path, monkeypatch):
    monkeypatch.setenv("VK_TOKEN", TOKEN)
    result = CliRunner().invoke(app, ["fetch-vk", "library77", "-o", str(tmp_path / "vk")])
    assert result.exit_code == 0, result.output
    export = read_export(tmp_path / "vk")
    assert export.pages["page_id"].iloc[0] == "vk:77"
    assert len(export.posts) == 250  # three wall.get pages of up to 100
    assert list(export.comments["from_page"]) == [False, True]
    methods = [m for _, m, _ in fake_vk.calls]
    assert methods.count("wall.get") == 4  # one refused for the rate limit and retried
    times = [t for t, _, _ in fake_vk.calls]
    assert all(b - a >= 0.3 for a, b in zip(times, times[1:], strict=False))  # ≤ 3 requests a second
    for path in (tmp_path / "vk").iterdir():
        assert TOKEN not in path.read_text(encoding="utf-8")
    assert TOKEN not in result.output


def test_fetch_vk_bad_token(fake_vk, tmp_path):
    result = CliRunner().invoke(app, ["fetch-vk", "library77", "-o", str(tmp_path / "vk"), "--token", "wrong"])
    assert result.exit_code == 2
    assert "ошибка 5" in result.output and "wrong" not in result.output
    assert not (tmp_path / "vk").exists()


def test_fetch_vk_needs_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("VK_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["fetch-vk", "x", "-o", str(tmp_path / "vk")])
    assert result.exit_code == 2 and "Нужен токен VK" in result.output
