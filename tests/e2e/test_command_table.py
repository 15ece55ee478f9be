"""The command table (views/commands.py) is the one source of what each command is: the menu,
/help, the private-chat filters, the group answer, the gate's roles and the dialog starters
all follow it, through the real Application."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler, filters

from access.policy import may_use
from bot import announce_commands
from dialogs.registry import STARTING_COMMANDS
from storage.staff import ROLES, StaffMember
from tests.conftest import FIXED_NOW
from tests.e2e.conftest import ADMIN_ID, RunningBot
from views.commands import COMMANDS, Command, dialog_commands
from views.fallback import PRIVATE_ONLY
from views.help import help_text, menu_commands
from views.staff import NOT_FOR_YOUR_ROLE

LEAD_ID = 300001
DIALOG_CONTROLS = {"skip", "back"}  # the dialogs' own commands, told of in /cancel's line


def command_handlers(bot: RunningBot) -> Iterator[tuple[CommandHandler[Any, Any], bool]]:
    """Every CommandHandler and whether it is inside the dialog's ConversationHandler."""

    def walk(
        handlers: list[BaseHandler[Any, Any, Any]], inside: bool
    ) -> Iterator[tuple[CommandHandler[Any, Any], bool]]:
        for handler in handlers:
            if isinstance(handler, CommandHandler):
                yield handler, inside
            elif isinstance(handler, ConversationHandler):
                yield from walk(handler.entry_points, True)
                for state in handler.states.values():
                    yield from walk(state, True)
                yield from walk(handler.fallbacks, True)

    for group in bot.app.handlers.values():
        yield from walk(group, False)


def takes_private_chats_only(handler: CommandHandler[Any, Any]) -> bool:
    return handler.filters is filters.ChatType.PRIVATE


def member(role: str) -> StaffMember:
    return StaffMember(1, "李明", role, "政企一组", True, FIXED_NOW, FIXED_NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize("described", COMMANDS, ids=lambda command: command.name)
def test_every_command_is_registered_with_the_filter_the_table_gives(
    bot: RunningBot, described: Command
) -> None:
    handling = [
        handler
        for handler, inside in command_handlers(bot)
        if described.name in handler.commands
        and handler.callback.__name__ != "private_only"
        and not (inside and described.name == "cancel")
    ]
    assert handling, described.name
    for handler in handling:
        assert takes_private_chats_only(handler) == described.private, described.name


def test_nothing_is_registered_that_the_table_does_not_describe(bot: RunningBot) -> None:
    registered = {name for handler, _ in command_handlers(bot) for name in handler.commands}
    assert registered == {command.name for command in COMMANDS} | DIALOG_CONTROLS


def test_the_dialog_starters_are_the_tables() -> None:
    assert list(STARTING_COMMANDS) == dialog_commands() == ["visit", "plan", "letter", "bid"]


@pytest.mark.parametrize("role", ROLES)
def test_the_gate_menu_and_help_follow_the_roles_of_the_table(role: str) -> None:
    allowed = [c for c in COMMANDS if c.roles is None or role in c.roles]
    for command in COMMANDS:
        assert may_use(member(role), command.name) == (command in allowed), command.name
    assert menu_commands(role) == [(command.name, command.menu) for command in allowed]
    text = help_text(role)
    for command in COMMANDS:
        assert (command.help in text) == (command in allowed), command.name


async def test_a_role_bound_command_is_refused_to_others_by_the_gate(bot: RunningBot) -> None:
    for command in COMMANDS:
        if command.roles is not None and "manager" not in command.roles:
            replies = await bot.ask(f"/{command.name}")
            assert [reply.plain_text for reply in replies] == [NOT_FOR_YOUR_ROLE], command.name


async def test_in_a_group_every_private_command_points_to_the_private_chat(
    bot: RunningBot,
) -> None:
    bot.app.bot_data.staff.add(LEAD_ID, "钱组长", "lead", "政企一组", actor_id=ADMIN_ID)
    lead = bot.api.user(LEAD_ID, first_name="钱")
    group = bot.api.group(-100200, "政企一组")
    for command in COMMANDS:
        if command.private:
            who = lead if command.roles is not None and "admin" not in command.roles else bot.admin
            [answer] = await bot.driver.send(who, f"/{command.name}@kehu_zhushou_bot", chat=group)
            assert answer.plain_text == PRIVATE_ONLY, command.name


async def test_the_menu_set_at_start_is_the_tables(bot: RunningBot) -> None:
    await announce_commands(bot.app)
    assert bot.api.commands() == menu_commands(None)
