"""Tests of getUpdates: the queue, offsets, limits and long polling."""

from __future__ import annotations

import asyncio
from typing import Any

from standin.botapi import BotApiStandIn
from standin.user import SimulatedUser


async def get_updates(api: BotApiStandIn, **params: Any) -> list[dict[str, Any]]:
    status, body = await api.call("getUpdates", params)
    assert status == 200, body
    result: list[dict[str, Any]] = body["result"]
    return result


def ids(updates: list[dict[str, Any]]) -> list[int]:
    return [update["update_id"] for update in updates]


async def test_update_ids_increase(user: SimulatedUser) -> None:
    first, second = user.text("一"), user.text("二")
    assert second["update_id"] == first["update_id"] + 1


async def test_pushed_updates_stay_until_confirmed_by_offset(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    pushed = [user.text("一"), user.text("二"), user.text("三")]
    for update in pushed:
        api.push_update(update)
    assert ids(await get_updates(api)) == ids(pushed)
    assert ids(await get_updates(api)) == ids(pushed)  # not yet confirmed
    assert ids(await get_updates(api, offset=pushed[1]["update_id"])) == ids(pushed[1:])
    assert ids(api.pending_updates) == ids(pushed[1:])


async def test_limit_caps_the_batch(api: BotApiStandIn, user: SimulatedUser) -> None:
    for text in "一二三":
        api.push_update(user.text(text))
    assert len(await get_updates(api, limit="2")) == 2


async def test_negative_offset_keeps_only_the_last_updates(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    pushed = [user.text(text) for text in "一二三"]
    for update in pushed:
        api.push_update(update)
    assert ids(await get_updates(api, offset=-1)) == ids(pushed[-1:])
    assert ids(api.pending_updates) == ids(pushed[-1:])


async def test_long_poll_returns_as_soon_as_an_update_is_pushed(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    poll = asyncio.create_task(get_updates(api, timeout=30))
    await asyncio.wait_for(api.wait_for_long_poll(), 5)
    update = user.text("来了")
    api.push_update(update)
    assert ids(await asyncio.wait_for(poll, 5)) == [update["update_id"]]


async def test_long_poll_without_updates_times_out_empty(api: BotApiStandIn) -> None:
    assert await get_updates(api, timeout=0.01) == []


async def test_short_poll_returns_at_once(api: BotApiStandIn) -> None:
    assert await get_updates(api, timeout=0) == []


async def test_delete_webhook_can_drop_pending_updates(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    api.push_update(user.text("旧消息"))
    await api.call("deleteWebhook", {"drop_pending_updates": "true"})
    assert api.pending_updates == []


async def test_allowed_updates_filters_update_types(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    api.push_update(user.text("文字"))
    api.push_update(user.edited(1, "改过"))
    updates = await get_updates(api, allowed_updates='["message"]')
    assert [next(k for k in update if k != "update_id") for update in updates] == ["message"]
