"""Administrators see unanswered questions and reload the knowledge base without a restart."""

from __future__ import annotations

import logging
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from handlers.errors import APOLOGY
from knowledge.loader import LEXICON_FILE, NORMS_DIR, SOURCE_FILE, load_knowledge
from knowledge.service import Knowledge, KnowledgeService
from tests.e2e.conftest import RunningBot, start_bot
from views.staff import NOT_FOR_YOUR_ROLE


async def test_unanswered_questions_are_listed_with_counts(bot: RunningBot) -> None:
    await bot.ask("5G套餐资费多少钱")
    await bot.ask("5G套餐资费多少钱", bot.admin)
    await bot.ask("路由器怎么重置")
    reply = await bot.ask_one("/unanswered", bot.admin)
    lines = reply.plain_text.splitlines()
    assert lines[1].startswith("1. 5G套餐资费多少钱 —— 2 次，最近 11月27日 10:30")
    assert lines[2].startswith("2. 路由器怎么重置 —— 1 次")


async def test_unanswered_list_is_for_admins_only(bot: RunningBot) -> None:
    await bot.ask("5G套餐资费多少钱")
    reply = await bot.ask_one("/unanswered")
    assert reply.plain_text == NOT_FOR_YOUR_ROLE


async def test_reload_is_for_admins_only(bot: RunningBot) -> None:
    reply = await bot.ask_one("/reload")
    assert reply.plain_text == NOT_FOR_YOUR_ROLE


@pytest.fixture
async def editable_bot(
    tmp_path: Path, knowledge: Knowledge
) -> AsyncIterator[tuple[RunningBot, Path]]:
    """A bot whose knowledge base is a copy the test may break and mend."""
    norms = tmp_path / "norms"
    shutil.copytree(NORMS_DIR, norms)
    service = KnowledgeService(
        loader=lambda: load_knowledge(norms, LEXICON_FILE, SOURCE_FILE), knowledge=knowledge
    )
    async for running in start_bot(tmp_path, service):
        yield running, norms


async def test_invalid_reload_is_rejected_and_the_old_base_keeps_serving(
    editable_bot: tuple[RunningBot, Path],
) -> None:
    bot, norms = editable_bot
    visiting = norms / "1.2.1_visiting.yaml"
    visiting.write_text(
        visiting.read_text(encoding="utf-8").replace(
            "    keywords: [感谢函, 48个小时, 正式拜访结束]\n", ""
        ),
        encoding="utf-8",
    )
    reply = await bot.ask_one("/reload", bot.admin)
    assert "新版本知识库有误，未加载" in reply.plain_text
    assert "1.2.1_visiting.yaml: norm 1.2.1-12: field 'keywords'" in reply.plain_text
    answer = await bot.ask_one("感谢函几天")
    assert "48个小时内送出感谢函" in answer.plain_text


async def test_valid_reload_serves_the_new_version(editable_bot: tuple[RunningBot, Path]) -> None:
    bot, norms = editable_bot
    visiting = norms / "1.2.1_visiting.yaml"
    visiting.write_text(
        visiting.read_text(encoding="utf-8").replace(
            "title: 正式拜访后48小时内送出感谢函", "title: 感谢函最迟48小时内送出"
        ),
        encoding="utf-8",
    )
    reply = await bot.ask_one("/reload", bot.admin)
    assert reply.plain_text.startswith("知识库已重新加载")
    answer = await bot.ask_one("感谢函几天")
    assert answer.plain_text.startswith("【感谢函最迟48小时内送出】")


async def test_a_failing_handler_apologises_and_logs_without_leaking(
    bot: RunningBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(question: str) -> None:
        raise RuntimeError("index corrupted")

    monkeypatch.setattr(bot.app.bot_data.knowledge.current.matcher, "match", broken)
    with caplog.at_level(logging.ERROR):
        reply = await bot.ask_one("感谢函几天")
    assert reply.plain_text == APOLOGY
    assert "index corrupted" not in reply.plain_text
    assert "error while handling update" in caplog.text
