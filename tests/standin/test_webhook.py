"""The stand-in's webhook methods, and holding a call while a test acts in the middle of it."""

from __future__ import annotations

import asyncio

from telegram import Bot

from standin.botapi import WEBHOOK_CONFLICT, BotApiStandIn
from standin.user import SimulatedUser

URL = "https://bot.example.com/telegram"


async def test_set_webhook_is_kept_and_reported_by_get_webhook_info(api: BotApiStandIn) -> None:
    status, body = await api.call(
        "setWebhook",
        {"url": URL, "secret_token": "s3cret_-X", "allowed_updates": '["message"]'},
    )
    assert (status, body) == (200, {"ok": True, "result": True})
    assert api.webhook is not None
    assert api.webhook["secret_token"] == "s3cret_-X"
    _, info = await api.call("getWebhookInfo", {})
    assert info["result"]["url"] == URL
    assert info["result"]["allowed_updates"] == ["message"]


async def test_delete_webhook_removes_it(api: BotApiStandIn) -> None:
    await api.call("setWebhook", {"url": URL})
    await api.call("deleteWebhook", {})
    assert api.webhook is None
    _, info = await api.call("getWebhookInfo", {})
    assert info["result"]["url"] == ""


async def test_set_webhook_with_an_empty_url_removes_it(api: BotApiStandIn) -> None:
    await api.call("setWebhook", {"url": URL})
    status, _ = await api.call("setWebhook", {"url": ""})
    assert status == 200
    assert api.webhook is None


async def test_webhook_url_must_be_https(api: BotApiStandIn) -> None:
    status, body = await api.call("setWebhook", {"url": "http://bot.example.com/telegram"})
    assert status == 400
    assert (
        body["description"]
        == "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
    )
    assert api.webhook is None


async def test_webhook_port_must_be_one_telegram_posts_to(api: BotApiStandIn) -> None:
    status, body = await api.call("setWebhook", {"url": "https://bot.example.com:9000/tg"})
    assert status == 400
    assert "ports 80, 88, 443 or 8443" in body["description"]
    status, _ = await api.call("setWebhook", {"url": "https://bot.example.com:8443/tg"})
    assert status == 200


async def test_webhook_secret_with_unallowed_characters_is_rejected(api: BotApiStandIn) -> None:
    status, body = await api.call("setWebhook", {"url": URL, "secret_token": "no spaces!"})
    assert status == 400
    assert body["description"] == "Bad Request: secret token contains unallowed characters"


async def test_get_updates_conflicts_while_a_webhook_is_set(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    await api.call("setWebhook", {"url": URL})
    api.push_update(user.text("你好"))
    status, body = await api.call("getUpdates", {})
    assert (status, body["description"]) == (409, WEBHOOK_CONFLICT)
    await api.call("deleteWebhook", {})
    status, body = await api.call("getUpdates", {})
    assert status == 200
    assert len(body["result"]) == 1


async def test_set_webhook_can_drop_pending_updates(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    api.push_update(user.text("你好"))
    await api.call("setWebhook", {"url": URL, "drop_pending_updates": "true"})
    assert api.pending_updates == []


async def test_ptb_sets_the_webhook_with_its_secret_token(bot: Bot, api: BotApiStandIn) -> None:
    assert await bot.set_webhook(URL, secret_token="abc-123", max_connections=10)
    info = await bot.get_webhook_info()
    assert info.url == URL
    assert info.max_connections == 10
    assert api.webhook is not None
    assert api.webhook["secret_token"] == "abc-123"


async def test_a_held_call_is_answered_only_when_released(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    user.text("/start")
    hold = api.hold_next("sendMessage")
    call = asyncio.create_task(api.call("sendMessage", {"chat_id": user.id, "text": "稍等"}))
    await hold.arrived.wait()
    assert not call.done()
    assert api.messages(user.id) == []
    hold.release()
    status, _ = await call
    assert status == 200
    assert api.last_message(user.id).text == "稍等"


async def test_only_the_next_call_is_held(api: BotApiStandIn) -> None:
    api.hold_next("getMe").release()
    status, _ = await api.call("getMe", {})
    assert status == 200
    status, _ = await api.call("getMe", {})  # not held: would hang otherwise
    assert status == 200
