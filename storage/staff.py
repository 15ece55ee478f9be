"""The staff registry: who may use the bot, their role and team, and one-time invitations."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, Literal, cast

from sqlite_utils import Database

from storage.audit import record_change
from storage.database import is_storable
from storage.models import ACTION_CREATE, ACTION_UPDATE
from storage.rows import record, records
from storage.timestamps import to_text
from timekeeping.clock import Clock

Role = Literal["manager", "lead", "admin", "curator"]
ROLE_MANAGER: Final = "manager"  # 客户经理
ROLE_LEAD: Final = "lead"  # 团队长
ROLE_ADMIN: Final = "admin"  # 管理员
ROLE_CURATOR: Final = "curator"  # 知识库维护 (training and sales-support staff)
ROLES: tuple[Role, ...] = (ROLE_MANAGER, ROLE_LEAD, ROLE_ADMIN, ROLE_CURATOR)
# Curators keep the knowledge base; administrators are curators too.
CURATING: frozenset[Role] = frozenset({ROLE_CURATOR, ROLE_ADMIN})

INVITATION_TTL = timedelta(hours=72)
NAME_LIMIT = 40
TEAM_LIMIT = 40
# Tables whose rows belong to a staff member and move with a handover.
OWNED_TABLES = (
    "customers",
    "visits",
    "follow_up_items",
    "customer_letters",
    "bids",
    "planned_visits",
)


@dataclass(frozen=True)
class StaffMember:
    user_id: int
    name: str
    role: Role
    team: str | None
    active: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Invitation:
    code: str
    role: Role
    team: str | None
    created_by: int
    created_at: datetime
    expires_at: datetime
    used_by: int | None
    used_at: datetime | None


class InvitationRefused(Exception):
    """An invitation code that is unknown, used or expired; the message is for the user."""


def _check_member(name: str, role: str, team: str | None) -> tuple[str, str | None]:
    name = " ".join(name.split())
    if not name or len(name) > NAME_LIMIT:
        raise ValueError(f"a staff name must be 1–{NAME_LIMIT} characters")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    team = " ".join(team.split()) if team else None
    if team is not None and len(team) > TEAM_LIMIT:
        raise ValueError(f"a team name must be at most {TEAM_LIMIT} characters")
    if role == ROLE_LEAD and team is None:
        raise ValueError("a team lead needs a team")
    return name, team


class StaffRegistry:
    """Staff and invitations. Administrative: callers check the actor's role (access/)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._staff = db.table("staff")
        self._invitations = db.table("invitations")

    # -- members ---------------------------------------------------------------------------

    def get(self, user_id: int) -> StaffMember | None:
        # Every update asks (the gate): a plain query, without sqlite-utils' table check.
        if not is_storable(user_id):
            return None
        row = next(self._db.query("SELECT * FROM staff WHERE user_id = ?", [user_id]), None)
        return record(StaffMember, row) if row is not None else None

    def active(self, user_id: int) -> StaffMember | None:
        member = self.get(user_id)
        return member if member is not None and member.active else None

    def all(self) -> list[StaffMember]:
        rows = self._staff.rows_where(order_by="active DESC, team, role, name")
        return records(StaffMember, rows)

    def team_members(self, team: str) -> list[StaffMember]:
        rows = self._staff.rows_where("team = ? AND active = 1", [team], order_by="name")
        return records(StaffMember, rows)

    def add(
        self, user_id: int, name: str, role: str, team: str | None = None, *, actor_id: int
    ) -> StaffMember:
        """Register someone, or update and reactivate them if they were registered before."""
        name, team = _check_member(name, role, team)
        now = to_text(self._clock())
        before = self.get(user_id)
        with self._db.atomic():
            self._staff.upsert(
                {
                    "user_id": user_id,
                    "name": name,
                    "role": role,
                    "team": team,
                    "active": 1,
                    "created_at": to_text(before.created_at) if before else now,
                    "updated_at": now,
                },
                pk="user_id",
            )
            self._audit(actor_id, user_id, ACTION_UPDATE if before else ACTION_CREATE, before)
        member = self.get(user_id)
        assert member is not None
        return member

    def ensure_admin(self, user_id: int) -> StaffMember:
        """Administrators named in BOT_ADMINS exist from the first start, active."""
        member = self.get(user_id)
        if member is not None and member.role == ROLE_ADMIN and member.active:
            return member
        name = member.name if member is not None else f"管理员{user_id}"
        return self.add(user_id, name, ROLE_ADMIN, member.team if member else None, actor_id=0)

    def set_role(self, user_id: int, role: str, *, actor_id: int) -> StaffMember | None:
        """Give a registered member another role (a lead keeps needing a team); None if there
        is no such member."""
        before = self.get(user_id)
        if before is None:
            return None
        return self.add(user_id, before.name, role, before.team, actor_id=actor_id)

    def deactivate(self, user_id: int, *, actor_id: int) -> StaffMember | None:
        """Cut access at once; the member's records stay (company property)."""
        return self._set_active(user_id, active=False, actor_id=actor_id)

    def reactivate(self, user_id: int, *, actor_id: int) -> StaffMember | None:
        return self._set_active(user_id, active=True, actor_id=actor_id)

    def _set_active(self, user_id: int, *, active: bool, actor_id: int) -> StaffMember | None:
        before = self.get(user_id)
        if before is None:
            return None
        if before.active == active:
            return before
        with self._db.atomic():
            self._staff.update(
                user_id, {"active": int(active), "updated_at": to_text(self._clock())}
            )
            if not active:
                self._cancel_pending_reminders(user_id)
            self._audit(actor_id, user_id, ACTION_UPDATE, before)
        return self.get(user_id)

    def hand_over(self, from_id: int, to_id: int, *, actor_id: int) -> dict[str, int]:
        """Give all of one member's records (customers, open items included) to another.

        Returns how many rows of each table moved. Customers whose name the receiver already
        has keep their records under a name marked with the former owner's id, so nothing
        merges silently.
        """
        if from_id == to_id or not is_storable(from_id):
            raise ValueError("a handover needs two different members")
        receiver = self.active(to_id)
        if receiver is None:
            raise ValueError("the receiving member must be active staff")
        moved: dict[str, int] = {}
        with self._db.atomic():
            clashes = self._db.execute(
                "SELECT c.id, c.name FROM customers c JOIN customers d "
                "ON d.owner_id = ? AND d.name = c.name WHERE c.owner_id = ?",
                [to_id, from_id],
            ).fetchall()
            for customer_id, name in clashes:
                self._db.execute(
                    "UPDATE customers SET name = ? WHERE id = ?",
                    [f"{name}（原{from_id}）", customer_id],
                )
            for table in OWNED_TABLES:  # constant names, never user input
                cursor = self._db.execute(
                    f"UPDATE {table} SET owner_id = ? WHERE owner_id = ?", [to_id, from_id]
                )
                moved[table] = cursor.rowcount
            # Their reminders were planned for them; the receiver's are planned afresh.
            self._cancel_pending_reminders(from_id)
            record_change(
                self._db,
                at=self._clock(),
                actor_id=actor_id,
                table_name="staff",
                record_id=from_id,
                action=ACTION_UPDATE,
                before={"handover_from": from_id},
                after={"handover_to": to_id, "moved": moved},
            )
        return moved

    def _cancel_pending_reminders(self, user_id: int) -> None:
        self._db.execute(
            "UPDATE reminders SET state = 'cancelled' WHERE owner_id = ? AND state = 'pending'",
            [user_id],
        )

    # -- invitations -----------------------------------------------------------------------

    def invite(
        self,
        role: str,
        team: str | None,
        *,
        created_by: int,
        ttl: timedelta = INVITATION_TTL,
    ) -> Invitation:
        """A one-time code for the deep link https://t.me/<bot>?start=<code>."""
        _, team = _check_member("invitee", role, team)
        now = self._clock()
        code = "inv" + secrets.token_urlsafe(18).replace("-", "x").replace("_", "y")
        self._invitations.insert(
            {
                "code": code,
                "role": role,
                "team": team,
                "created_by": created_by,
                "created_at": to_text(now),
                "expires_at": to_text(now + ttl),
            }
        )
        invitation = self.invitation(code)
        assert invitation is not None
        return invitation

    def invitation(self, code: str) -> Invitation | None:
        rows = list(self._invitations.rows_where("code = ?", [code]))
        return record(Invitation, rows[0]) if rows else None

    def redeem(self, code: str, user_id: int, name: str) -> StaffMember:
        """Join with an invitation: it works once and only before it expires."""
        now = self._clock()
        with self._db.atomic():
            invitation = self.invitation(code)
            if invitation is None:
                raise InvitationRefused("邀请链接无效。请向管理员索取新的邀请链接。")
            if invitation.used_by is not None:
                raise InvitationRefused("这个邀请链接已经用过了。请向管理员索取新的邀请链接。")
            if now >= invitation.expires_at:
                raise InvitationRefused("这个邀请链接已过期。请向管理员索取新的邀请链接。")
            cursor = self._db.execute(
                "UPDATE invitations SET used_by = ?, used_at = ? "
                "WHERE code = ? AND used_by IS NULL",
                [user_id, to_text(now), code],
            )
            if cursor.rowcount != 1:
                raise InvitationRefused("这个邀请链接已经用过了。请向管理员索取新的邀请链接。")
            return self.add(
                user_id,
                name or f"同事{user_id}",
                invitation.role,
                invitation.team,
                actor_id=invitation.created_by,
            )

    def _audit(self, actor_id: int, user_id: int, action: str, before: StaffMember | None) -> None:
        after = self.get(user_id)
        record_change(
            self._db,
            at=self._clock(),
            actor_id=actor_id,
            table_name="staff",
            record_id=user_id,
            action=cast(Any, action),
            before=_plain(before),
            after=_plain(after),
        )


def _plain(member: StaffMember | None) -> dict[str, object] | None:
    if member is None:
        return None
    return {
        "user_id": member.user_id,
        "name": member.name,
        "role": member.role,
        "team": member.team,
        "active": member.active,
    }
