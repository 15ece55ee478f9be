"""The update processor: different chats and users at once, each chat's and user's in order.

Each update here is a coroutine that records when it starts and waits for the test to let it
finish, so what runs at once and in which order is decided by the processor alone.
"""

from __future__ import annotations

import asyncio

import pytest
from telegram import Update

from ops.update_order import PerChatUpdateProcessor, order_keys
from standin.botapi import BotApiStandIn

_next_update_id = iter(range(1, 1_000_000))


def text_update(user_id: int, chat_id: int | None = None, text: str = "你好") -> Update:
    """A text message of this user, in their private chat or in the group `chat_id`."""
    api = BotApiStandIn()
    user = api.user(user_id)
    chat = api.group(chat_id, title="政企部") if chat_id is not None else None
    data = user.text(text, chat=chat)
    data["update_id"] = next(_next_update_id)
    return Update.de_json(data, None)


class Gated:
    """Updates in hand: each one's coroutine records its start and waits for `finish`."""

    def __init__(self, processor: PerChatUpdateProcessor) -> None:
        self.processor = processor
        self.started: list[str] = []
        self._gates: dict[str, asyncio.Event] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._changed = asyncio.Event()

    def hand_over(self, name: str, update: object) -> None:
        """As PTB's update fetcher does: one task per update, started in arrival order."""
        self._gates[name] = asyncio.Event()
        self._tasks[name] = asyncio.create_task(
            self.processor.process_update(update, self._handle(name))
        )

    async def _handle(self, name: str) -> None:
        self.started.append(name)
        self._changed.set()
        await self._gates[name].wait()

    async def until_started(self, *names: str) -> None:
        async with asyncio.timeout(10):  # a guard against a hang, not a wait for time
            while not set(names) <= set(self.started):
                self._changed.clear()
                await self._changed.wait()

    async def settle(self) -> None:
        """Let every task run until it waits (on its gate, or for its turn)."""
        for _ in range(20):
            await asyncio.sleep(0)

    async def finish(self, name: str) -> None:
        self._gates[name].set()
        await self._tasks[name]

    def task(self, name: str) -> asyncio.Task[None]:
        return self._tasks[name]


@pytest.fixture
def updates() -> Gated:
    return Gated(PerChatUpdateProcessor(max_concurrent_updates=256))


def test_an_update_waits_for_its_chat_and_its_user() -> None:
    in_group = text_update(7, chat_id=-100)
    assert order_keys(in_group) == (("chat", -100), ("user", 7))
    assert order_keys(text_update(7)) == (("chat", 7), ("user", 7))
    assert order_keys(object()) == ()


async def test_different_people_are_handled_at_once(updates: Gated) -> None:
    updates.hand_over("a", text_update(1))
    updates.hand_over("b", text_update(2))
    await updates.until_started("a", "b")
    await updates.finish("b")
    await updates.finish("a")


async def test_one_persons_updates_are_handled_one_after_another_in_order(
    updates: Gated,
) -> None:
    for name in ("1", "2", "3"):
        updates.hand_over(name, text_update(5))
    await updates.settle()
    assert updates.started == ["1"]
    await updates.finish("1")
    await updates.settle()
    assert updates.started == ["1", "2"]
    await updates.finish("2")
    await updates.finish("3")
    assert updates.started == ["1", "2", "3"]


async def test_a_slow_update_delays_only_its_own_person(updates: Gated) -> None:
    updates.hand_over("slow", text_update(1))
    updates.hand_over("after slow", text_update(1))
    updates.hand_over("other", text_update(2))
    updates.hand_over("other again", text_update(2))
    await updates.until_started("slow", "other")
    await updates.finish("other")
    await updates.until_started("other again")
    await updates.finish("other again")
    assert "after slow" not in updates.started
    await updates.finish("slow")
    await updates.finish("after slow")


async def test_a_person_in_a_group_and_in_private_is_still_handled_in_order(
    updates: Gated,
) -> None:
    updates.hand_over("group", text_update(1, chat_id=-100))
    updates.hand_over("private", text_update(1))
    updates.hand_over("someone else in the group", text_update(2, chat_id=-100))
    await updates.settle()
    assert updates.started == ["group"]
    await updates.finish("group")
    await updates.until_started("private", "someone else in the group")
    await updates.finish("private")
    await updates.finish("someone else in the group")


async def test_updates_sharing_one_key_each_never_wait_in_a_circle(updates: Gated) -> None:
    """A in group G, then A in private, then B in G, then B in private: each waits only for
    earlier ones, so all of them end."""
    updates.hand_over("A in G", text_update(1, chat_id=-100))
    updates.hand_over("A alone", text_update(1))
    updates.hand_over("B in G", text_update(2, chat_id=-100))
    updates.hand_over("B alone", text_update(2))
    await updates.settle()
    for name in ("A in G", "A alone", "B in G", "B alone"):
        await updates.until_started(name)
        await updates.finish(name)
    assert updates.started == ["A in G", "A alone", "B in G", "B alone"]


async def test_order_holds_when_more_updates_are_in_hand_than_the_bound() -> None:
    """Past the bound, updates wait for PTB's semaphore first: it lets them in as they came."""
    updates = Gated(PerChatUpdateProcessor(max_concurrent_updates=2))
    names = [f"{person}{number}" for number in range(4) for person in "ab"]
    for name in names:
        updates.hand_over(name, text_update(1 if name.startswith("a") else 2))
    for number in range(4):
        await updates.until_started(f"a{number}", f"b{number}")
        await updates.finish(f"a{number}")
        await updates.finish(f"b{number}")
    assert [name for name in updates.started if name.startswith("a")] == [
        "a0",
        "a1",
        "a2",
        "a3",
    ]


async def test_an_update_cancelled_while_waiting_lets_no_later_one_overtake(
    updates: Gated,
) -> None:
    updates.hand_over("first", text_update(1))
    updates.hand_over("cancelled", text_update(1))
    updates.hand_over("third", text_update(1))
    await updates.settle()
    updates.task("cancelled").cancel()
    await updates.settle()
    updates.hand_over("came after", text_update(1))
    await updates.settle()
    assert updates.started == ["first"]
    await updates.finish("first")
    await updates.until_started("third")
    await updates.finish("third")
    await updates.finish("came after")
    assert updates.started == ["first", "third", "came after"]
    assert updates.task("cancelled").cancelled()
    assert updates.processor.waiting_keys == 0


async def test_updates_without_a_chat_or_user_wait_for_nothing(updates: Gated) -> None:
    updates.hand_over("person", text_update(1))
    updates.hand_over("no one's", object())
    await updates.until_started("person", "no one's")
    await updates.finish("no one's")
    await updates.finish("person")


async def test_nothing_is_kept_once_the_updates_are_done(updates: Gated) -> None:
    updates.hand_over("a", text_update(1, chat_id=-100))
    updates.hand_over("b", text_update(2))
    await updates.until_started("a", "b")
    assert updates.processor.waiting_keys == 4
    await updates.finish("a")
    await updates.finish("b")
    assert updates.processor.waiting_keys == 0
