"""Fixtures for the stand-in's tests: a fresh stand-in, a user and small PTB applications."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from standin.botapi import BotApiStandIn
from standin.driver import ChatDriver
from standin.request import StandInRequest
from standin.user import SimulatedUser

FIXED_NOW = datetime(2025, 3, 3, 1, 30, tzinfo=UTC)

MENU = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("查询规范", callback_data="menu:norms"),
            InlineKeyboardButton("登记拜访", callback_data="menu:visit"),
        ],
        [InlineKeyboardButton("帮助", callback_data="menu:help")],
    ]
)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


@pytest.fixture(autouse=True)
def _timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB 22 warns on every RetryAfter unless opted in to timedelta values."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
def api() -> BotApiStandIn:
    return BotApiStandIn(clock=lambda: FIXED_NOW)


@pytest.fixture
def user(api: BotApiStandIn) -> SimulatedUser:
    return api.user(1001, first_name="张三", username="zhangsan")


@pytest.fixture
async def bot(api: BotApiStandIn) -> AsyncIterator[Bot]:
    """A plain PTB Bot talking to the stand-in, initialized."""
    async with Bot(api.token, request=StandInRequest(api, read_timeout=5.0)) as ready:
        yield ready


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"你说：{update.effective_message.text}")


async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("请选择：", reply_markup=MENU)


async def two_menus(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("第一组：", reply_markup=MENU)
    await update.effective_message.reply_text(
        "第二组：",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("更多", callback_data="more")]]),
    )


async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("收到")
    await query.edit_message_text(f"已选择：{query.data}")


async def report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_document(
        b"visit,date\n", filename="拜访.csv", caption="本月拜访"
    )


async def sticker_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("暂时看不懂表情，请用文字提问。")


def build_sample_app(api: BotApiStandIn) -> AnyApplication:
    """A small bot: /menu with buttons, /two, /report, presses edit, text is echoed."""
    app = (
        ApplicationBuilder()
        .token(api.token)
        .request(StandInRequest(api))
        .get_updates_request(StandInRequest(api))
        .build()
    )
    app.add_handler(CommandHandler("menu", menu))
    app.add_handler(CommandHandler("two", two_menus))
    app.add_handler(CommandHandler("report", report))
    app.add_handler(CallbackQueryHandler(chosen))
    app.add_handler(MessageHandler(filters.Sticker.ALL, sticker_reply))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


@pytest.fixture
async def driver(api: BotApiStandIn) -> AsyncIterator[ChatDriver]:
    app = build_sample_app(api)
    async with app:
        yield ChatDriver(app, api)
