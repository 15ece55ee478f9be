"""What the lists and lookups show, read from the user's records: /customer (by name, or the
list of one's customers), a customer's visits and /visits. Plain data out; views/ words it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from fieldwork.customer_match import NameMatch, rank_customers, sure_match
from storage.customer_view import CustomerView
from storage.models import Customer, FollowUpItem, Visit
from storage.store import Records

CUSTOMERS_PER_PAGE = 10
VISITS_PER_PAGE = 10
VISITS_ON_CARD = 10  # the latest visits on the customer card; 全部拜访 pages through the rest
NAME_LIMIT = 60  # a typed customer name longer than this is not looked up


@dataclass(frozen=True)
class Page:
    """One page of a list: its number from 0 (within the pages there are), how many pages
    there are, and the position of its first row."""

    number: int
    count: int
    first: int

    @property
    def has_next(self) -> bool:
        return self.number + 1 < self.count


def page_of(requested: int, total: int, size: int) -> Page:
    """The requested page, moved into range (a list that shrank keeps its last page)."""
    count = max(1, (total + size - 1) // size)
    number = min(max(0, requested), count - 1)
    return Page(number, count, number * size)


# -- /customer 名称 --------------------------------------------------------------------------


@dataclass(frozen=True)
class CustomerLookup:
    """What a typed name found among the user's customers."""

    typed: str  # the name as looked up (whitespace folded)
    found: CustomerView | None = None  # the customer it means
    closest: bool = False  # found is only the one name anywhere close, not what was typed
    candidates: tuple[NameMatch, ...] = ()  # several are close: the user chooses
    no_customers: bool = False  # the user has no customers at all
    too_long: bool = False
    vanished: bool = False  # the customer named was gone by the time it was read


def look_up_customer(records: Records, typed: str) -> CustomerLookup:
    """The customer a typed name means: the one it clearly names, or the only one close to it;
    else the close ones to choose from."""
    typed = " ".join(typed.split())
    if len(typed) > NAME_LIMIT:
        return CustomerLookup(typed, too_long=True)
    names = records.customers.names()
    if not names:
        return CustomerLookup(typed, no_customers=True)
    ranked = rank_customers(typed, names)
    sure = sure_match(ranked)
    closest = False
    if sure is None and len(ranked) == 1:
        # Only one name is anywhere close: show it rather than ask, and say so unless the
        # typed text is simply part of the name ("华为" for 华为技术有限公司).
        sure = ranked[0]
        closest = typed.lower() not in sure.name.lower()
    if sure is not None:
        view = records.customer_view(sure.customer_id, visits_limit=VISITS_ON_CARD)
        if view is None:
            return CustomerLookup(typed, vanished=True)
        return CustomerLookup(typed, found=view, closest=closest)
    return CustomerLookup(typed, candidates=tuple(ranked))


# -- the list of one's customers, a customer's visits ----------------------------------------


@dataclass(frozen=True)
class CustomerPage:
    """A page of the user's customers by name, each with when it was last visited."""

    total: int
    page: Page
    customers: tuple[tuple[Customer, datetime | None], ...]


def customer_page(records: Records, page: int) -> CustomerPage:
    customers = records.customers.all()
    shown = page_of(page, len(customers), CUSTOMERS_PER_PAGE)
    on_page = customers[shown.first : shown.first + CUSTOMERS_PER_PAGE]
    return CustomerPage(
        total=len(customers),
        page=shown,
        customers=tuple(
            (customer, records.visits.last_visit_at(customer.id)) for customer in on_page
        ),
    )


@dataclass(frozen=True)
class VisitsOfCustomer:
    """A page of one customer's visits, newest first."""

    customer: Customer
    total: int
    page: Page
    visits: tuple[Visit, ...]


def customer_visits(records: Records, customer_id: int, page: int) -> VisitsOfCustomer | None:
    """None for a customer the user may not read."""
    customer = records.customers.get(customer_id)
    if customer is None:
        return None
    total = records.visits.count_for_customer(customer_id)
    shown = page_of(page, total, VISITS_PER_PAGE)
    visits = records.visits.for_customer(customer_id, limit=VISITS_PER_PAGE, offset=shown.first)
    return VisitsOfCustomer(customer, total, shown, tuple(visits))


# -- /visits ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecentVisits:
    """A page of the user's visits, newest first, and their customers' names."""

    page: int
    visits: tuple[Visit, ...]
    has_more: bool  # an older page follows
    customer_names: Mapping[int, str]


def recent_visits(records: Records, page: int) -> RecentVisits:
    page = max(0, page)
    # One more than the page holds, to know whether an older page follows.
    visits = records.visits.recent(limit=VISITS_PER_PAGE + 1, offset=page * VISITS_PER_PAGE)
    names = dict(records.customers.names()) if visits else {}
    return RecentVisits(
        page, tuple(visits[:VISITS_PER_PAGE]), len(visits) > VISITS_PER_PAGE, names
    )


@dataclass(frozen=True)
class VisitRecord:
    """One visit in full: the visit, its customer's name and the items it raised."""

    visit: Visit
    customer_name: str | None
    items: tuple[FollowUpItem, ...]


def visit_record(records: Records, visit_id: int) -> VisitRecord | None:
    """None for a visit the user may not read (forged or deleted)."""
    visit = records.visits.get(visit_id)
    if visit is None:
        return None
    customer = records.customers.get(visit.customer_id)
    items = records.follow_ups.for_visit(visit.id)
    return VisitRecord(visit, customer.name if customer else None, tuple(items))
