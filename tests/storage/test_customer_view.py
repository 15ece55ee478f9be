"""The customer card: one load gathers the customer, latest visits and everything still open."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from storage.customer_view import load_customer_view
from storage.models import (
    COMPANIONS_ALONE,
    KIND_REQUEST,
    STAGE_CONTACT,
    WAY_ONSITE,
    WAY_PHONE,
    Customer,
    NewCustomer,
    NewItem,
    NewLetter,
    NewPlan,
)
from storage.scope import Scope
from storage.store import Records, Store
from tests.conftest import FIXED_NOW
from tests.storage.conftest import OWNER_ID, a_visit

MANY_VISITS = 5000


def test_view_gathers_the_customer_and_what_is_open(mine: Records, customer: Customer) -> None:
    other = mine.customers.add(NewCustomer("远航物流"))
    visits = [mine.visits.add(a_visit(customer.id, hours=-24 * day))[0] for day in range(4)]
    mine.visits.add(a_visit(other.id, hours=1))
    due = FIXED_NOW + timedelta(days=2)
    open_item = mine.follow_ups.add(customer.id, NewItem(KIND_REQUEST, "报价", due))
    done_item = mine.follow_ups.add(customer.id, NewItem(KIND_REQUEST, "资料", due))
    mine.follow_ups.mark_done(done_item.id, FIXED_NOW)
    letter = mine.letters.add(NewLetter(customer.id, FIXED_NOW, "来函", due))
    plan = mine.plans.add(NewPlan(customer.id, WAY_PHONE, due, None, "回访"))
    cancelled = mine.plans.add(NewPlan(customer.id, WAY_PHONE, due, None, "取消"))
    mine.plans.cancel(cancelled.id)

    view = mine.customer_view(customer.id, visits_limit=3)

    assert view is not None
    assert view.customer == customer
    assert view.recent_visits == visits[:3]
    assert view.visit_count == 4
    assert view.last_visit_at == visits[0].started_at
    assert view.open_items == [open_item]
    assert view.open_letters == [letter]
    assert view.planned_visits == [plan]


def test_view_of_a_missing_customer_is_none(store: Store) -> None:
    assert load_customer_view(store.db, Scope.own(OWNER_ID), 999) is None


def add_many_visits(store: Store, customer_id: int) -> None:
    """Rows straight into the table: the repository would audit each, which isn't the point."""
    start = FIXED_NOW - timedelta(days=MANY_VISITS)
    store.db.table("visits").insert_all(
        {
            "owner_id": OWNER_ID,
            "customer_id": customer_id,
            "way": WAY_ONSITE,
            "stage": STAGE_CONTACT,
            "purpose": "例行拜访",
            "started_at": (start + timedelta(days=day)).isoformat(),
            "ended_at": (start + timedelta(days=day, hours=1)).isoformat(),
            "companions": COMPANIONS_ALONE,
            "created_at": FIXED_NOW.isoformat(),
        }
        for day in range(MANY_VISITS)
    )


def test_view_reads_visits_through_the_index(
    store: Store, mine: Records, customer: Customer
) -> None:
    add_many_visits(store, customer.id)
    queries: list[tuple[str, Any]] = []
    with store.db.tracer(lambda sql, params: queries.append((sql, params))):
        view = mine.customer_view(customer.id)
    assert view is not None
    assert view.visit_count == MANY_VISITS
    assert len(view.recent_visits) == 10

    visit_queries = [(sql, params) for sql, params in queries if '"visits"' in sql]
    assert len(visit_queries) == 3  # latest visits, count, last visit
    for sql, params in visit_queries:
        plan = " ".join(
            row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
        )
        assert "idx_visits_owner_id_customer_id_started_at" in plan, plan
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
