"""Tests of ChatDriver: updates through app.process_update, answers collected per call."""

from __future__ import annotations

from standin.botapi import BotApiStandIn
from standin.driver import ChatDriver
from standin.user import SimulatedUser


async def test_send_returns_the_bots_reply(driver: ChatDriver, user: SimulatedUser) -> None:
    [reply] = await driver.send(user, "走访时限")
    assert reply.plain_text == "你说：走访时限"
    assert reply.chat_id == user.id


async def test_send_returns_several_replies_in_order(
    driver: ChatDriver, user: SimulatedUser
) -> None:
    replies = await driver.send(user, "/two")
    assert [reply.plain_text for reply in replies] == ["第一组：", "第二组："]


async def test_press_returns_the_edited_message_once(
    driver: ChatDriver, user: SimulatedUser
) -> None:
    [menu] = await driver.send(user, "/menu")
    [edited] = await driver.press(user, menu, "登记拜访")
    assert edited.message_id == menu.message_id
    assert (edited.plain_text, edited.edit_count, edited.reply_markup) == (
        "已选择：menu:visit",
        1,
        None,
    )


async def test_press_records_the_callback_answer(driver: ChatDriver, user: SimulatedUser) -> None:
    [menu] = await driver.send(user, "/menu")
    await driver.press(user, menu, "menu:help")
    assert driver.last_callback_answer is not None
    assert driver.last_callback_answer["text"] == "收到"
    assert driver.last_query_id is not None
    assert driver.callback_answer(driver.last_query_id) == driver.last_callback_answer


async def test_stale_press_of_an_edited_message_reaches_the_bot(
    driver: ChatDriver, user: SimulatedUser
) -> None:
    [menu] = await driver.send(user, "/menu")
    await driver.press(user, menu, "menu:visit")
    # The keyboard is gone now; a modified client can still send the old data.
    [edited] = await driver.forged_press(user, menu.chat_id, menu.message_id, "menu:norms")
    assert edited.plain_text == "已选择：menu:norms"


async def test_send_update_delivers_a_sticker(driver: ChatDriver, user: SimulatedUser) -> None:
    [reply] = await driver.send_update(user.sticker())
    assert reply.plain_text.startswith("暂时看不懂表情")


async def test_document_reply_is_returned_with_its_file(
    driver: ChatDriver, user: SimulatedUser
) -> None:
    [reply] = await driver.send(user, "/report")
    assert reply.kind == "document"
    assert reply.document is not None
    assert reply.document.filename == "拜访.csv"


async def test_replies_in_other_chats_are_not_returned(
    api: BotApiStandIn, driver: ChatDriver, user: SimulatedUser
) -> None:
    other = api.user(2002, first_name="李四")
    await driver.send(other, "你好")
    assert await driver.send(user, "你好") == api.messages(user.id)
