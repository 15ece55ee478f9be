"""/norms browses the whole material as a tree; /search lists every norm with a word."""

from __future__ import annotations

from knowledge.service import Knowledge
from tests.e2e.conftest import RunningBot, button_data, source_lines
from views.common import CALLBACK_DATA_LIMIT
from views.norms import catalogue, chapter_page, norm_card, norm_page, search_page, section_page


async def test_catalogue_walks_down_to_a_norm_and_back_up(bot: RunningBot) -> None:
    [root] = await bot.ask("/norms")
    assert "规范目录" in root.plain_text
    assert [b.text for b in root.buttons] == ["第一章 客户经理的工作职责和规范", "第二章 开发客户"]

    [chapter] = await bot.driver.press(bot.manager, root, "tree:c:1")
    assert chapter.message_id == root.message_id  # browsing edits in place
    assert "1.2.1 拜访客户规范" in [b.text for b in chapter.buttons]

    [section] = await bot.driver.press(bot.manager, chapter, "tree:s:1.2.1")
    assert section.plain_text.startswith("1.2.1 拜访客户规范")
    [norm] = await bot.driver.press(bot.manager, section, "正式拜访后48小时内送出感谢函")
    assert "正式拜访结束后48个小时内送出感谢函" in norm.plain_text
    assert source_lines(norm) == ["出处：1.2.1 拜访客户规范—上门拜访"]

    [back] = await bot.driver.press(bot.manager, norm, "⬅ 返回上一级")
    assert back.plain_text == section.plain_text
    [top] = await bot.driver.press(bot.manager, back, "📚 目录")
    assert top.plain_text == root.plain_text


async def test_outline_chapter_says_it_is_not_covered_in_detail(bot: RunningBot) -> None:
    [root] = await bot.ask("/norms")
    [chapter] = await bot.driver.press(bot.manager, root, "tree:c:2")
    assert chapter.plain_text.startswith("第二章 开发客户")
    first_norm = next(d for d in button_data(chapter) if d.startswith("tree:n:"))
    [norm] = await bot.driver.press(bot.manager, chapter, first_norm)
    assert "尚未详细展开" in norm.plain_text
    assert source_lines(norm) == ["出处：第二章 开发客户"]


async def test_stale_catalogue_button_is_answered_not_crashed(bot: RunningBot) -> None:
    [root] = await bot.ask("/norms")
    replies = await bot.driver.forged_press(
        bot.manager, bot.manager.id, root.message_id, "tree:n:9.9.9-99"
    )
    assert replies == []
    assert bot.driver.last_callback_answer is not None
    assert "失效" in bot.driver.last_callback_answer["text"]


async def test_unknown_button_data_is_answered_as_stale(bot: RunningBot) -> None:
    [root] = await bot.ask("/norms")
    await bot.driver.forged_press(bot.manager, bot.manager.id, root.message_id, "visit:old:1")
    assert bot.driver.last_callback_answer is not None
    assert "失效" in bot.driver.last_callback_answer["text"]


async def test_search_lists_every_norm_containing_the_word(bot: RunningBot) -> None:
    [reply] = await bot.ask("/search 感谢函")
    assert "正式拜访后48小时内送出感谢函" in reply.plain_text
    [opened] = await bot.driver.press(bot.manager, reply, reply.buttons[0].callback_data or "")
    assert len(source_lines(opened)) == 1


async def test_search_finds_material_terms_through_colloquial_words(bot: RunningBot) -> None:
    [reply] = await bot.ask("/search 感谢信")
    assert "感谢函" in reply.plain_text


async def test_search_pages_through_many_results(bot: RunningBot, knowledge: Knowledge) -> None:
    total = len(knowledge.kb.search("客户"))
    assert total > 10
    [first] = await bot.ask("/search 客户")
    assert f"共 {total} 条" in first.plain_text
    [second] = await bot.driver.press(bot.manager, first, "下一页 ▶")
    assert "第 2/" in second.plain_text
    assert "11." in second.plain_text


async def test_search_without_a_word_explains_usage(bot: RunningBot) -> None:
    reply = await bot.ask_one("/search")
    assert "用法：/search 关键词" in reply.plain_text


async def test_search_with_no_match_points_to_the_catalogue(bot: RunningBot) -> None:
    reply = await bot.ask_one("/search 路由器")
    assert "没有找到" in reply.plain_text
    assert "/norms" in reply.plain_text


def test_every_page_fits_telegram_limits(knowledge: Knowledge) -> None:
    """Every catalogue page and card: under 4,096 characters, callback data under 64 bytes
    (the Button type itself refuses longer data)."""
    kb = knowledge.kb
    replies = [catalogue(kb)]
    replies += [chapter_page(kb, chapter.number) for chapter in kb.chapters]  # type: ignore[misc]
    for chapter in kb.chapters:
        replies += [section_page(kb, key) for key in chapter.section_keys]  # type: ignore[misc]
    for norm in kb.norms:
        replies += [norm_page(kb, norm), norm_card(kb, norm)]
    replies += [search_page(kb, word, page) for word in ("客户", "的") for page in range(12)]
    for reply in replies:
        assert reply is not None
        assert 0 < len(reply.text) <= 4096
        for row in reply.buttons:
            for button in row:
                assert len(button.data.encode()) <= CALLBACK_DATA_LIMIT
                assert button.label
