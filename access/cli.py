"""`python bot.py staff …` — set up and manage staff from the command line, without Telegram."""

from __future__ import annotations

import argparse
from typing import TextIO

from access.policy import ROLE_LABELS
from storage.staff import INVITATION_TTL, ROLES, InvitationRefused, StaffRegistry

CLI_ACTOR = 0  # audit entries made from the command line
ROLE_NAMES: dict[str, str] = {
    **{role: role for role in ROLES},
    **{label: role for role, label in ROLE_LABELS.items()},
}


def add_staff_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staff = commands.add_parser("staff", help="manage staff: add, list, deactivate, invite …")
    actions = staff.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="register (or update) a staff member")
    add.add_argument("user_id", type=int, help="Telegram user id")
    add.add_argument("name")
    add.add_argument(
        "--role", default="manager", help="manager | lead | admin | curator (or 客户经理 …)"
    )
    add.add_argument("--team", default=None)
    actions.add_parser("list", help="list staff")
    for name in ("deactivate", "reactivate"):
        action = actions.add_parser(name, help=f"{name} a staff member")
        action.add_argument("user_id", type=int)
    role = actions.add_parser("role", help="give a member another role (e.g. curator)")
    role.add_argument("user_id", type=int)
    role.add_argument("role", help="manager | lead | admin | curator (or 知识库维护 …)")
    handover = actions.add_parser("handover", help="give one member's records to another")
    handover.add_argument("from_id", type=int)
    handover.add_argument("to_id", type=int)
    invite = actions.add_parser("invite", help="create a one-time invitation code")
    invite.add_argument("--role", default="manager")
    invite.add_argument("--team", default=None)
    invite.add_argument("--bot", default=None, help="the bot's username, for the deep link")


def run_staff_command(arguments: argparse.Namespace, registry: StaffRegistry, out: TextIO) -> int:
    """Carry out one `staff` action; errors are printed, with exit status 2."""
    try:
        return _run(arguments, registry, out)
    except (ValueError, InvitationRefused) as error:
        print(f"error: {error}", file=out)
        return 2


def _role(text: str) -> str:
    role = ROLE_NAMES.get(text)
    if role is None:
        raise ValueError(f"unknown role {text!r}: use manager, lead, admin or curator")
    return role


def _run(arguments: argparse.Namespace, registry: StaffRegistry, out: TextIO) -> int:
    action = arguments.action
    if action == "add":
        member = registry.add(
            arguments.user_id,
            arguments.name,
            _role(arguments.role),
            arguments.team,
            actor_id=CLI_ACTOR,
        )
        print(f"added: {_line(member.user_id, registry)}", file=out)
    elif action == "list":
        for member in registry.all():
            print(_line(member.user_id, registry), file=out)
    elif action in ("deactivate", "reactivate"):
        change = registry.deactivate if action == "deactivate" else registry.reactivate
        if change(arguments.user_id, actor_id=CLI_ACTOR) is None:
            print(f"error: no staff member {arguments.user_id}", file=out)
            return 2
        print(f"{action}d: {_line(arguments.user_id, registry)}", file=out)
    elif action == "role":
        if registry.set_role(arguments.user_id, _role(arguments.role), actor_id=CLI_ACTOR) is None:
            print(f"error: no staff member {arguments.user_id}", file=out)
            return 2
        print(f"role set: {_line(arguments.user_id, registry)}", file=out)
    elif action == "handover":
        moved = registry.hand_over(arguments.from_id, arguments.to_id, actor_id=CLI_ACTOR)
        summary = ", ".join(f"{table} {count}" for table, count in moved.items())
        print(f"handed over {arguments.from_id} → {arguments.to_id}: {summary}", file=out)
    elif action == "invite":
        invitation = registry.invite(_role(arguments.role), arguments.team, created_by=CLI_ACTOR)
        bot = arguments.bot or "<bot username>"
        print(f"code: {invitation.code}", file=out)
        print(f"link: https://t.me/{bot}?start={invitation.code}", file=out)
        hours = int(INVITATION_TTL.total_seconds() // 3600)
        print(f"valid once, until {invitation.expires_at.isoformat()} ({hours} h)", file=out)
    return 0


def _line(user_id: int, registry: StaffRegistry) -> str:
    member = registry.get(user_id)
    if member is None:
        return str(user_id)
    state = "active" if member.active else "deactivated"
    return f"{member.user_id}\t{member.name}\t{member.role}\t{member.team or '-'}\t{state}"
