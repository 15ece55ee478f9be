"""Tests of the HTTP face of the stand-in, with real PTB clients on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Bot, Update
from telegram.error import InvalidToken
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from standin.botapi import BotApiStandIn
from standin.http import BotApiHttpServer
from standin.user import SimulatedUser

PROXY_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
)


@pytest.fixture
async def server(
    api: BotApiStandIn, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[BotApiHttpServer]:
    for variable in PROXY_VARIABLES:  # 127.0.0.1 must never go through a proxy
        monkeypatch.delenv(variable, raising=False)
    async with BotApiHttpServer(api) as running:
        yield running


def test_base_url_is_the_form_application_builder_takes(server: BotApiHttpServer) -> None:
    assert server.base_url == f"http://127.0.0.1:{server.port}/bot"


async def test_polling_application_answers_a_pushed_update(
    api: BotApiStandIn, server: BotApiHttpServer, user: SimulatedUser
) -> None:
    answered = asyncio.Event()

    async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text(f"收到：{update.message.text}")
        answered.set()

    app = ApplicationBuilder().token(api.token).base_url(server.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT, reply))
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(timeout=5)
        await app.start()
        api.push_update(user.text("走访时限"))
        await asyncio.wait_for(answered.wait(), 10)
        await app.updater.stop()
        await app.stop()
    assert api.last_message(user.id).plain_text == "收到：走访时限"
    assert "getUpdates" in [method for method, _ in api.call_log]
    assert api.pending_updates == []  # the final offset confirmed the update


async def test_wrong_token_is_unauthorized(server: BotApiHttpServer) -> None:
    with pytest.raises(InvalidToken, match="rejected by the server"):
        async with Bot("999:WRONG", base_url=server.base_url):
            pass


async def test_wrong_token_answer_is_telegrams_401_body(server: BotApiHttpServer) -> None:
    async with httpx.AsyncClient(trust_env=False) as client:
        answer = await client.post(f"{server.base_url}999:WRONG/getMe")
    assert (answer.status_code, answer.json()) == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )


async def test_documents_upload_as_multipart(
    api: BotApiStandIn, server: BotApiHttpServer, user: SimulatedUser
) -> None:
    user.text("/start")
    async with Bot(api.token, base_url=server.base_url) as bot:
        await bot.send_document(
            user.id, "月报 内容".encode(), filename="月报.txt", caption="请查收"
        )
    message = api.last_message(user.id)
    assert message.document is not None
    assert (message.document.filename, message.document.data) == ("月报.txt", "月报 内容".encode())
    assert message.caption == "请查收"


async def test_json_bodies_and_get_requests_are_accepted(
    api: BotApiStandIn, server: BotApiHttpServer, user: SimulatedUser
) -> None:
    user.text("/start")
    url = f"{server.base_url}{api.token}"
    async with httpx.AsyncClient(trust_env=False) as client:
        sent = await client.post(f"{url}/sendMessage", json={"chat_id": user.id, "text": "你好"})
        me = await client.get(f"{url}/getMe")
    assert sent.json()["result"]["text"] == "你好"
    assert me.json()["result"]["username"] == "kehu_zhushou_bot"


async def test_users_file_downloads_over_http(
    api: BotApiStandIn, server: BotApiHttpServer, user: SimulatedUser
) -> None:
    update = user.document("名单.csv", b"name\n")
    async with Bot(api.token, base_url=server.base_url, base_file_url=server.base_file_url) as bot:
        file = await bot.get_file(update["message"]["document"]["file_id"])
        assert bytes(await file.download_as_bytearray()) == b"name\n"
