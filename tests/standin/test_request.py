"""Tests of StandInRequest: a real PTB Bot talking to the stand-in in process."""

from __future__ import annotations

import datetime as dtm

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from standin.botapi import BotApiStandIn
from standin.request import StandInRequest
from standin.user import SimulatedUser


@pytest.fixture
def talking_user(user: SimulatedUser) -> SimulatedUser:
    user.text("/start")
    return user


async def test_bad_request_reaches_ptb_as_bad_request(
    bot: Bot, talking_user: SimulatedUser
) -> None:
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(talking_user.id, " ")


async def test_blocked_user_reaches_ptb_as_forbidden(
    api: BotApiStandIn, bot: Bot, talking_user: SimulatedUser
) -> None:
    api.block_user(talking_user.id)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(talking_user.id, "提醒")


async def test_rate_limit_reaches_ptb_as_retry_after(
    api: BotApiStandIn, bot: Bot, talking_user: SimulatedUser
) -> None:
    api.fail_next("sendMessage", error_code=429, retry_after=7)
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(talking_user.id, "提醒")
    assert raised.value.retry_after == dtm.timedelta(seconds=7)


async def test_too_long_callback_data_reaches_ptb_as_bad_request(
    bot: Bot, talking_user: SimulatedUser
) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("看", callback_data="x" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(talking_user.id, "规范", reply_markup=markup)


async def test_delay_beyond_the_read_timeout_raises_timed_out(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    api.delay_next("sendMessage", 30)
    async with Bot(api.token, request=StandInRequest(api, read_timeout=0.01)) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(talking_user.id, "提醒")
    assert api.messages(talking_user.id) == []


async def test_per_call_read_timeout_overrides_the_default(
    api: BotApiStandIn, bot: Bot, talking_user: SimulatedUser
) -> None:
    api.delay_next("sendMessage", 30)
    with pytest.raises(TimedOut):
        await bot.send_message(talking_user.id, "提醒", read_timeout=0.01)


async def test_delay_within_the_read_timeout_answers_normally(
    api: BotApiStandIn, bot: Bot, talking_user: SimulatedUser
) -> None:
    api.delay_next("sendMessage", 0.001)
    sent = await bot.send_message(talking_user.id, "提醒")
    assert sent.text == "提醒"


async def test_any_base_url_reaches_the_stand_in(api: BotApiStandIn) -> None:
    request = StandInRequest(api)
    async with Bot(
        api.token, base_url="https://bot-api.example.invalid/custom/bot", request=request
    ) as bot:
        me = await bot.get_me()
    assert me.username == "kehu_zhushou_bot"


async def test_request_refuses_work_before_initialize(api: BotApiStandIn) -> None:
    with pytest.raises(NetworkError, match="not initialized"):
        await StandInRequest(api).post(f"https://api.telegram.org/bot{api.token}/getMe")


async def test_sent_document_keeps_bytes_filename_and_caption(
    api: BotApiStandIn, bot: Bot, talking_user: SimulatedUser
) -> None:
    sent = await bot.send_document(
        talking_user.id,
        b"a,b\n1,2\n",
        filename="拜访记录.csv",
        caption=" 本月记录 ",
    )
    message = api.last_message(talking_user.id)
    assert message.kind == "document"
    assert message.document is not None
    assert (message.document.filename, message.document.data) == ("拜访记录.csv", b"a,b\n1,2\n")
    assert message.caption == "本月记录"
    assert sent.document is not None
    assert sent.document.file_name == "拜访记录.csv"


async def test_sent_photo_keeps_bytes_and_caption(
    api: BotApiStandIn, bot: Bot, talking_user: SimulatedUser
) -> None:
    await bot.send_photo(talking_user.id, b"\x89PNG fake", caption="现场照片")
    message = api.last_message(talking_user.id)
    assert (message.kind, message.caption) == ("photo", "现场照片")
    assert message.document is not None
    assert message.document.data == b"\x89PNG fake"


async def test_users_document_can_be_downloaded_by_the_bot(bot: Bot, user: SimulatedUser) -> None:
    update = user.document("名单.xlsx", b"PK\x03\x04 data")
    file = await bot.get_file(update["message"]["document"]["file_id"])
    assert bytes(await file.download_as_bytearray()) == b"PK\x03\x04 data"


async def test_edit_and_delete_round_trip_through_ptb(
    api: BotApiStandIn, bot: Bot, talking_user: SimulatedUser
) -> None:
    sent = await bot.send_message(talking_user.id, "处理中")
    await bot.edit_message_text("完成", chat_id=talking_user.id, message_id=sent.message_id)
    assert api.last_message(talking_user.id).plain_text == "完成"
    assert await bot.delete_message(talking_user.id, sent.message_id)
    assert api.messages(talking_user.id) == []
