"""Everything the customer card shows, in one load: a handful of indexed queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from storage.customers import CustomerRepository
from storage.follow_ups import FollowUpRepository
from storage.letters import LetterRepository
from storage.models import Customer, CustomerLetter, FollowUpItem, PlannedVisit, Visit
from storage.plans import PlanRepository
from storage.scope import Scope
from storage.visits import VisitRepository
from timekeeping.clock import utc_now


@dataclass(frozen=True)
class CustomerView:
    customer: Customer
    recent_visits: list[Visit]  # newest first
    visit_count: int
    last_visit_at: datetime | None
    open_items: list[FollowUpItem]  # soonest due first
    open_letters: list[CustomerLetter]  # soonest reply due first
    planned_visits: list[PlannedVisit]  # open plans, soonest first


def load_customer_view(
    db: Database, scope: Scope, customer_id: int, *, visits_limit: int = 10
) -> CustomerView | None:
    """The card of a readable customer; None for any other id."""
    # Only reads happen here, so the clock the repositories take is never consulted.
    customer = CustomerRepository(db, scope, utc_now).get(customer_id)
    if customer is None:
        return None
    visits = VisitRepository(db, scope, utc_now)
    return CustomerView(
        customer=customer,
        recent_visits=visits.for_customer(customer_id, limit=visits_limit),
        visit_count=visits.count_for_customer(customer_id),
        last_visit_at=visits.last_visit_at(customer_id),
        open_items=FollowUpRepository(db, scope, utc_now).open_for_customer(customer_id),
        open_letters=LetterRepository(db, scope, utc_now).open_for_customer(customer_id),
        planned_visits=PlanRepository(db, scope, utc_now).for_customer(customer_id),
    )
