"""Who may do what: every role check of the bot, in one place."""

from __future__ import annotations

from storage.scope import Scope
from storage.staff import (
    CURATING,
    ROLE_ADMIN,
    ROLE_CURATOR,
    ROLE_LEAD,
    ROLE_MANAGER,
    Role,
    StaffMember,
    StaffRegistry,
)
from views.commands import COMMANDS

ROLE_LABELS: dict[str, str] = {
    ROLE_MANAGER: "客户经理",
    ROLE_LEAD: "团队长",
    ROLE_ADMIN: "管理员",
    ROLE_CURATOR: "知识库维护",
}
# Commands beyond what every active member may use, and the roles that may: from the one
# command table (views/commands.py), which the menu and /help read too.
_RESTRICTED: dict[str, frozenset[Role]] = {
    command.name: command.roles for command in COMMANDS if command.roles is not None
}


RESTRICTED_COMMANDS = frozenset(_RESTRICTED)


def may_use(member: StaffMember | None, command: str) -> bool:
    """Only active staff use the bot at all; some commands need a role as well."""
    if member is None or not member.active:
        return False
    roles = _RESTRICTED.get(command)
    return roles is None or member.role in roles


def curates(member: StaffMember | None) -> bool:
    """May see other users' unanswered questions and teach the knowledge base."""
    return member is not None and member.active and member.role in CURATING


def is_admin(member: StaffMember | None) -> bool:
    return member is not None and member.active and member.role == ROLE_ADMIN


def restricted_commands(role: str) -> list[str]:
    """The role-bound commands this role has (for its command menu and /help)."""
    return [command for command, roles in _RESTRICTED.items() if role in roles]


def scope_for(member: StaffMember, registry: StaffRegistry) -> Scope:
    """A manager reads their own records; a team lead also reads (never writes) their team's,
    including members who have left, whose records stay with the company."""
    readable = {member.user_id}
    if member.role == ROLE_LEAD and member.team:
        readable |= {
            other.user_id
            for other in registry.all()
            if other.team == member.team and other.role == ROLE_MANAGER
        }
    return Scope(actor_id=member.user_id, readable_owner_ids=frozenset(readable))
