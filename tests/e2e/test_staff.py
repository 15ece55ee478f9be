"""Staff access end to end: strangers refused, invitations, roles, deactivation, handover."""

from __future__ import annotations

import argparse
import re
from io import StringIO
from pathlib import Path

import pytest

from access.cli import run_staff_command
from bot import main
from storage.models import NewCustomer
from storage.scope import Scope
from storage.staff import StaffRegistry
from storage.store import Store
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import ADMIN_ID, MANAGER_ID, RunningBot

STRANGER_ID = 777001


async def test_a_stranger_gets_a_polite_refusal_with_their_id(bot: RunningBot) -> None:
    stranger = bot.api.user(STRANGER_ID, first_name="路人")
    for text in ("/start", "感谢函几天", "/customer 华为", "/visit"):
        [reply] = await bot.ask(text, stranger)
        assert "只供本公司在册员工使用" in reply.plain_text
        assert str(STRANGER_ID) in reply.plain_text
        assert "出处" not in reply.plain_text


async def test_a_strangers_button_press_learns_nothing(bot: RunningBot) -> None:
    stranger = bot.api.user(STRANGER_ID, first_name="路人")
    replies = await bot.driver.forged_press(stranger, STRANGER_ID, 1, "cust:view:1")
    assert replies == []
    answer = bot.driver.last_callback_answer
    assert answer is not None
    assert str(STRANGER_ID) in answer["text"]


async def test_an_invitation_link_lets_someone_join_once(bot: RunningBot) -> None:
    [reply] = await bot.ask("/invite 团队长 政企一组", bot.admin)
    code = re.search(r"start=(\w+)", reply.plain_text)
    assert code is not None
    assert f"https://t.me/{bot.app.bot.username}?start=" in reply.plain_text
    newcomer = bot.api.user(STRANGER_ID, first_name="钱组长")
    [welcome] = await bot.ask(f"/start {code[1]}", newcomer)
    assert "欢迎加入" in welcome.plain_text
    assert "团队长（政企一组）" in welcome.plain_text
    [answer] = await bot.ask("感谢函几天", newcomer)
    assert "出处：" in answer.plain_text
    other = bot.api.user(STRANGER_ID + 1, first_name="又一人")
    [refused] = await bot.ask(f"/start {code[1]}", other)
    assert "用过" in refused.plain_text


async def test_an_expired_invitation_is_refused(bot: RunningBot) -> None:
    [reply] = await bot.ask("/invite 客户经理", bot.admin)
    code = re.search(r"start=(\w+)", reply.plain_text)
    assert code is not None
    bot.clock.advance(hours=73)
    [refused] = await bot.ask(f"/start {code[1]}", bot.api.user(STRANGER_ID, first_name="迟到"))
    assert "过期" in refused.plain_text


async def test_managers_cannot_use_admin_commands(bot: RunningBot) -> None:
    for command in ("/invite 客户经理", "/staff", "/handover 1 2", "/unanswered", "/reload"):
        [reply] = await bot.ask(command)
        assert "不在您的权限范围内" in reply.plain_text


async def test_deactivation_cuts_access_at_once_and_keeps_records(bot: RunningBot) -> None:
    bot.app.bot_data.store.records(Scope.own(MANAGER_ID)).customers.add(NewCustomer(name="华为"))
    [listing] = await bot.ask("/staff", bot.admin)
    await bot.driver.press(bot.admin, listing, f"staff:off:{MANAGER_ID}")
    [reply] = await bot.ask("/customer 华为")
    assert "只供本公司在册员工使用" in reply.plain_text
    records = bot.app.bot_data.store.records(Scope.own(MANAGER_ID))
    assert [customer.name for customer in records.customers.all()] == ["华为"]


async def test_handover_gives_records_to_another_manager(bot: RunningBot) -> None:
    registry = bot.app.bot_data.staff
    registry.add(STRANGER_ID, "赵强", "manager", "政企一组", actor_id=ADMIN_ID)
    store = bot.app.bot_data.store
    store.records(Scope.own(MANAGER_ID)).customers.add(NewCustomer(name="华为"))
    [question] = await bot.ask(f"/handover {MANAGER_ID} {STRANGER_ID}", bot.admin)
    [*_, done] = await bot.driver.press(bot.admin, question, "确认移交")
    assert "已移交" in done.plain_text
    names = [customer.name for customer in store.records(Scope.own(STRANGER_ID)).customers.all()]
    assert names == ["华为"]


def test_the_command_line_sets_up_staff_without_telegram(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_DB", str(tmp_path / "bot.db"))
    assert main(["staff", "add", "100001", "李明", "--role", "客户经理", "--team", "一组"]) == 0
    assert main(["staff", "deactivate", "100001"]) == 0
    assert main(["staff", "handover", "100001", "100002"]) == 2  # no active receiver


def test_the_command_line_lists_staff(fresh_store: Store) -> None:
    registry = StaffRegistry(fresh_store.db, lambda: FIXED_NOW)
    out = StringIO()
    run_staff_command(
        argparse.Namespace(action="add", user_id=5, name="王五", role="lead", team="二组"),
        registry,
        out,
    )
    out = StringIO()
    assert run_staff_command(argparse.Namespace(action="list"), registry, out) == 0
    assert "王五\tlead\t二组\tactive" in out.getvalue()


def test_the_command_line_gives_the_curator_role(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOT_DB", str(tmp_path / "bot.db"))
    assert main(["staff", "add", "100001", "李明"]) == 0
    assert main(["staff", "role", "100001", "知识库维护"]) == 0
    assert "李明\tcurator" in capsys.readouterr().out
    assert main(["staff", "role", "404", "curator"]) == 2


async def test_an_administrator_gives_a_role_in_chat(bot: RunningBot) -> None:
    reply = await bot.ask_one(f"/staff {MANAGER_ID} 知识库维护", bot.admin)
    assert reply.plain_text == f"已把 李明（ID {MANAGER_ID}）设为知识库维护。"
    review = await bot.ask_one("/review")
    assert review.plain_text.startswith("目前没有待审的问题")
    help_text = (await bot.ask_one("/help")).plain_text
    assert "知识库维护命令：" in help_text
    assert "客户名称等信息，会按原样显示" in help_text


async def test_a_role_change_with_bad_arguments_shows_the_usage(bot: RunningBot) -> None:
    reply = await bot.ask_one(f"/staff {MANAGER_ID} 经理", bot.admin)
    assert reply.plain_text.startswith("用法：/staff 员工ID 角色")
    reply = await bot.ask_one("/staff 404 知识库维护", bot.admin)
    assert reply.plain_text == "没有这位员工，请用 /staff 查看 ID。"
