"""Waiting for the bot's messages in one chat while other chats are busy."""

from __future__ import annotations

import asyncio

from standin.botapi import BotApiStandIn


async def send(api: BotApiStandIn, chat_id: int, text: str) -> None:
    status, body = await api.call("sendMessage", {"chat_id": chat_id, "text": text})
    assert status == 200, body


async def test_a_wait_on_one_chat_ignores_messages_to_others(api: BotApiStandIn) -> None:
    for user_id in (1001, 1002):
        api.user(user_id).text("你好")
    mark = api.change_mark()
    waiting = asyncio.create_task(api.wait_for_messages(mark, chat_id=1001))
    await send(api, 1002, "给别人")
    await asyncio.sleep(0)
    assert not waiting.done()
    await send(api, 1001, "给你")
    [message] = await asyncio.wait_for(waiting, 5)
    assert message.text == "给你"


async def test_a_wait_on_every_chat_wakes_for_any_of_them(api: BotApiStandIn) -> None:
    for user_id in (1001, 1002):
        api.user(user_id).text("你好")
    mark = api.change_mark()
    waiting = asyncio.create_task(api.wait_for_messages(mark, count=2))
    await send(api, 1002, "一")
    await send(api, 1001, "二")
    messages = await asyncio.wait_for(waiting, 5)
    assert [m.text for m in messages] == ["一", "二"]
