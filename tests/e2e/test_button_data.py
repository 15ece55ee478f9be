"""Button data through the real Application: every kind of button reaches a handler, each
handler takes only the data its kind parses, and a malformed or forged press is refused in
one place (handlers/fallback.py) with its namespace's refusal, changing nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler

from handlers import fallback
from tests.e2e.conftest import MANAGER_ID, RunningBot
from tests.views.test_button_data import ALL_KINDS, example
from views.button_data import ButtonData, namespace_of, refusal_for

MALFORMED = [
    "plan:log:abc",
    "plan:zap:7",
    "cust:view:",
    "cust:vp:1",
    "visits:open:x",
    "letter:done:7:8",
    "bid:tick:x:projector",
    "rem:snz:1:x",
    "rem:zap:1",
    "set:menu:colour",
    "set:zap",
    "staff:maybe:1",
    "hand:1:x",
    "tree:c:abc",
    "srch:x:感谢函",
    "pick:x:1.2.1-12",
    "miss:",
    "dlg:x",
    "rev:zzz:1",
    "rev:a:x:1.2.1-12",
    "客户名单:华为",
]


def button_handlers(bot: RunningBot) -> Iterator[CallbackQueryHandler[Any, Any]]:
    """Every CallbackQueryHandler, the dialog's entry points and steps included."""

    def walk(handlers: list[BaseHandler[Any, Any, Any]]) -> Iterator[BaseHandler[Any, Any, Any]]:
        for handler in handlers:
            yield handler
            if isinstance(handler, ConversationHandler):
                yield from walk(handler.entry_points)
                for state in handler.states.values():
                    yield from walk(state)

    for group in bot.app.handlers.values():
        for handler in walk(group):
            if isinstance(handler, CallbackQueryHandler):
                yield handler


def takers(bot: RunningBot, data: str) -> list[Any]:
    """The callbacks of the button handlers that would take a press with this data."""
    update = Update.de_json(bot.manager.forged_press(MANAGER_ID, 1, data), bot.app.bot)
    return [handler.callback for handler in button_handlers(bot) if handler.check_update(update)]


def test_every_button_handler_but_the_fallback_is_registered_with_a_codec(
    bot: RunningBot,
) -> None:
    handlers = list(button_handlers(bot))
    assert len(handlers) > 20
    for handler in handlers:
        if handler.callback is fallback.stale_button:
            assert handler.pattern is None
        else:
            assert callable(handler.pattern), handler.callback  # never a regex of its own


@pytest.mark.parametrize("kind", ALL_KINDS, ids=lambda kind: kind.__name__)
def test_every_kind_of_button_reaches_a_handler_of_its_own(
    bot: RunningBot, kind: type[ButtonData]
) -> None:
    taken_by = takers(bot, example(kind).pack())
    assert [callback for callback in taken_by if callback is not fallback.stale_button]


@pytest.mark.parametrize("data", MALFORMED)
def test_a_malformed_press_reaches_only_the_fallback(bot: RunningBot, data: str) -> None:
    assert takers(bot, data) == [fallback.stale_button]


@pytest.mark.parametrize("data", MALFORMED)
async def test_a_malformed_press_is_refused_with_its_namespaces_words(
    bot: RunningBot, data: str
) -> None:
    # An administrator, whom the gate lets press role-bound buttons too.
    [help_message] = await bot.ask("/help", bot.admin)
    before = {user_id: dict(data) for user_id, data in bot.app.user_data.items()}

    replies = await bot.driver.forged_press(
        bot.admin, help_message.chat_id, help_message.message_id, data
    )

    assert replies == []
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert answer["text"] == refusal_for(data)
    namespace = namespace_of(data)
    if namespace is not None:
        assert answer["text"] == namespace.refusal
    assert {user_id: dict(data) for user_id, data in bot.app.user_data.items()} == before


async def test_a_malformed_dialog_press_leaves_the_open_dialog_as_it_was(
    bot: RunningBot,
) -> None:
    [question] = await bot.ask("/visit")
    session = dict(bot.app.user_data[MANAGER_ID]["dialog"])

    replies = await bot.driver.forged_press(
        bot.manager, question.chat_id, question.message_id, "dlg:x"
    )

    assert replies == []
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert "已过期" in answer["text"]
    assert bot.app.user_data[MANAGER_ID]["dialog"] == session
