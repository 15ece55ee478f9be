"""A persistent conversation resumes where it was after the bot dies and starts again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

from standin.botapi import BotApiStandIn
from standin.driver import ChatDriver
from standin.request import StandInRequest
from storage.database import open_database
from storage.persistence import SqlitePersistence
from tests.conftest import FIXED_NOW

ASK_CUSTOMER, ASK_WAY = range(2)
USER_ID = 100001


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    assert update.effective_message is not None
    assert context.user_data is not None
    context.user_data["draft"] = {"customer": None}
    await update.effective_message.reply_text("拜访的是哪位客户？")
    return ASK_CUSTOMER


async def customer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    assert update.effective_message is not None
    assert context.user_data is not None
    context.user_data["draft"]["customer"] = update.effective_message.text
    await update.effective_message.reply_text("电话还是现场？")
    return ASK_WAY


async def way(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    assert update.effective_message is not None
    assert context.user_data is not None
    draft = context.user_data.pop("draft")
    await update.effective_message.reply_text(
        f"{draft['customer']}：{update.effective_message.text}"
    )
    return ConversationHandler.END


def build_app(
    api: BotApiStandIn, persistence: SqlitePersistence
) -> Application[Any, Any, Any, Any, Any, Any]:
    app = (
        Application.builder()
        .token(api.token)
        .request(StandInRequest(api))
        .get_updates_request(StandInRequest(api))
        .persistence(persistence)
        .build()
    )
    text = filters.TEXT & ~filters.COMMAND
    app.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("visit", start)],
            states={
                ASK_CUSTOMER: [MessageHandler(text, customer)],
                ASK_WAY: [MessageHandler(text, way)],
            },
            fallbacks=[],
            name="visit",
            persistent=True,
        )
    )
    return app


async def test_conversation_and_user_data_resume_after_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    api = BotApiStandIn(clock=lambda: FIXED_NOW)
    manager = api.user(USER_ID)

    first_db = open_database(path)
    first = build_app(api, SqlitePersistence(first_db))
    await first.initialize()
    driver = ChatDriver(first, api)
    await driver.send(manager, "/visit")
    await driver.send(manager, "华信制造")
    await first.update_persistence()  # what the application's timer does every update_interval
    # The first process dies here: no shutdown, no flush. A new one opens the file.

    second_db = open_database(path)
    second = build_app(api, SqlitePersistence(second_db))
    async with second:
        [reply] = await ChatDriver(second, api).send(manager, "现场")
        assert reply.text == "华信制造：现场"
        await second.update_persistence()
    assert await SqlitePersistence(second_db).get_conversations("visit") == {}
    assert await SqlitePersistence(second_db).get_user_data() == {}
    second_db.close()
    first_db.close()
