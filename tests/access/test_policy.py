"""Role checks: who may use which command and whose records they read."""

from __future__ import annotations

from access.policy import may_use, scope_for
from storage.staff import StaffRegistry
from storage.store import Store
from tests.conftest import FIXED_NOW


def registry_with_teams(store: Store) -> StaffRegistry:
    registry = StaffRegistry(store.db, lambda: FIXED_NOW)
    registry.add(1, "李明", "manager", "一组", actor_id=0)
    registry.add(2, "赵强", "manager", "一组", actor_id=0)
    registry.add(3, "钱组长", "lead", "一组", actor_id=0)
    registry.add(4, "孙经理", "manager", "二组", actor_id=0)
    registry.add(5, "周组长", "lead", "二组", actor_id=0)
    registry.add(9, "管理员", "admin", None, actor_id=0)
    return registry


def test_strangers_and_deactivated_members_may_use_nothing(fresh_store: Store) -> None:
    registry = registry_with_teams(fresh_store)
    registry.deactivate(2, actor_id=9)
    assert not may_use(None, "visit")
    assert not may_use(registry.get(2), "visit")
    assert may_use(registry.get(1), "visit")


def test_role_bound_commands(fresh_store: Store) -> None:
    registry = registry_with_teams(fresh_store)
    assert not may_use(registry.get(1), "team")
    assert may_use(registry.get(3), "team")
    assert not may_use(registry.get(3), "invite")
    assert may_use(registry.get(9), "invite")
    assert not may_use(registry.get(1), "reload")


def test_a_manager_reads_only_their_own(fresh_store: Store) -> None:
    registry = registry_with_teams(fresh_store)
    member = registry.get(1)
    assert member is not None
    assert scope_for(member, registry).readable_owner_ids == {1}


def test_a_lead_reads_their_team_also_after_someone_left(fresh_store: Store) -> None:
    registry = registry_with_teams(fresh_store)
    registry.deactivate(2, actor_id=9)
    lead = registry.get(3)
    assert lead is not None
    scope = scope_for(lead, registry)
    assert scope.readable_owner_ids == {1, 2, 3}
    assert scope.actor_id == 3


def test_curators_and_administrators_keep_the_knowledge_base(fresh_store: Store) -> None:
    registry = registry_with_teams(fresh_store)
    registry.add(6, "培训部孙老师", "curator", None, actor_id=9)
    for command in ("review", "synonym", "unanswered"):
        assert may_use(registry.get(6), command)
        assert may_use(registry.get(9), command)
        assert not may_use(registry.get(1), command)
        assert not may_use(registry.get(3), command)
    assert not may_use(registry.get(6), "staff")


def test_a_curator_reads_only_their_own_records(fresh_store: Store) -> None:
    registry = registry_with_teams(fresh_store)
    curator = registry.add(6, "培训部孙老师", "curator", "一组", actor_id=9)
    assert scope_for(curator, registry).readable_owner_ids == {6}


def test_an_administrator_gives_the_curator_role(fresh_store: Store) -> None:
    registry = registry_with_teams(fresh_store)
    member = registry.set_role(4, "curator", actor_id=9)
    assert member is not None
    assert (member.role, member.name, member.team) == ("curator", "孙经理", "二组")
    assert registry.set_role(404, "curator", actor_id=9) is None
