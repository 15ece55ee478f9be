"""The staff registry: members, roles, deactivation, handover and one-time invitations."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from storage.models import NewCustomer
from storage.scope import Scope
from storage.staff import InvitationRefused, StaffRegistry
from storage.store import Store
from tests.conftest import FIXED_NOW

ADMIN = 9
ALICE = 1
BOB = 2


class Clock:
    def __init__(self) -> None:
        self.now = FIXED_NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def registry(fresh_store: Store, clock: Clock) -> StaffRegistry:
    return StaffRegistry(fresh_store.db, clock)


def test_added_members_are_active_with_their_role(registry: StaffRegistry) -> None:
    registry.add(ALICE, "李明", "manager", "政企一组", actor_id=ADMIN)
    member = registry.active(ALICE)
    assert member is not None
    assert (member.name, member.role, member.team) == ("李明", "manager", "政企一组")


def test_a_lead_needs_a_team_and_roles_are_checked(registry: StaffRegistry) -> None:
    with pytest.raises(ValueError, match="team"):
        registry.add(ALICE, "李明", "lead", None, actor_id=ADMIN)
    with pytest.raises(ValueError, match="role"):
        registry.add(ALICE, "李明", "boss", None, actor_id=ADMIN)


def test_deactivation_cuts_access_and_keeps_records(
    registry: StaffRegistry, fresh_store: Store
) -> None:
    registry.add(ALICE, "李明", "manager", actor_id=ADMIN)
    fresh_store.records(Scope.own(ALICE)).customers.add(NewCustomer(name="华为"))
    registry.deactivate(ALICE, actor_id=ADMIN)
    assert registry.active(ALICE) is None
    assert [c.name for c in fresh_store.records(Scope.own(ALICE)).customers.all()] == ["华为"]


def test_handover_moves_records_and_keeps_clashing_names_apart(
    registry: StaffRegistry, fresh_store: Store
) -> None:
    registry.add(ALICE, "李明", "manager", actor_id=ADMIN)
    registry.add(BOB, "赵强", "manager", actor_id=ADMIN)
    fresh_store.records(Scope.own(ALICE)).customers.add(NewCustomer(name="华为"))
    fresh_store.records(Scope.own(ALICE)).customers.add(NewCustomer(name="中兴"))
    fresh_store.records(Scope.own(BOB)).customers.add(NewCustomer(name="华为"))
    moved = registry.hand_over(ALICE, BOB, actor_id=ADMIN)
    assert moved["customers"] == 2
    names = sorted(c.name for c in fresh_store.records(Scope.own(BOB)).customers.all())
    assert names == ["中兴", "华为", f"华为（原{ALICE}）"]
    assert fresh_store.records(Scope.own(ALICE)).customers.all() == []


def test_handover_needs_an_active_receiver(registry: StaffRegistry) -> None:
    registry.add(ALICE, "李明", "manager", actor_id=ADMIN)
    with pytest.raises(ValueError, match="active"):
        registry.hand_over(ALICE, BOB, actor_id=ADMIN)


def test_an_invitation_works_once(registry: StaffRegistry) -> None:
    invitation = registry.invite("lead", "政企一组", created_by=ADMIN)
    member = registry.redeem(invitation.code, ALICE, "李明")
    assert (member.role, member.team) == ("lead", "政企一组")
    with pytest.raises(InvitationRefused, match="用过"):
        registry.redeem(invitation.code, BOB, "赵强")
    assert registry.active(BOB) is None


def test_an_invitation_expires(registry: StaffRegistry, clock: Clock) -> None:
    invitation = registry.invite("manager", None, created_by=ADMIN)
    clock.now += timedelta(hours=72)
    with pytest.raises(InvitationRefused, match="过期"):
        registry.redeem(invitation.code, ALICE, "李明")


def test_an_unknown_invitation_is_refused(registry: StaffRegistry) -> None:
    with pytest.raises(InvitationRefused, match="无效"):
        registry.redeem("invnothing", ALICE, "李明")


def test_admins_from_configuration_exist_and_stay_admins(registry: StaffRegistry) -> None:
    registry.ensure_admin(ADMIN)
    registry.ensure_admin(ADMIN)
    member = registry.active(ADMIN)
    assert member is not None
    assert member.role == "admin"
    assert len(registry.all()) == 1
