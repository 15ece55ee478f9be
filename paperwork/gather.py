"""Drafts from what a user's records hold: each function reads through the scoped repositories
(so a record the user may not see is not found) and hands plain records to the drafting."""

from __future__ import annotations

from datetime import date, datetime

from paperwork.bid_summary import draft_bid_summary
from paperwork.brief import visit_brief
from paperwork.draft import Draft, Signature
from paperwork.forecast import CustomerForecastRow
from paperwork.thank_you import draft_thank_you
from storage.models import PlannedVisit
from storage.store import Records


def thank_you_for(
    records: Records, visit_id: int, signature: Signature, today: date
) -> Draft | None:
    """The thank-you letter of one of the user's visits; None if it is not theirs (or gone)."""
    visit = records.visits.get(visit_id)
    customer = records.customers.get(visit.customer_id) if visit else None
    if visit is None or customer is None:
        return None
    return draft_thank_you(
        visit, customer, records.follow_ups.for_visit(visit.id), signature, today
    )


def bid_summary_for(records: Records, bid_id: int) -> Draft | None:
    bid = records.bids.get(bid_id)
    if bid is None:
        return None
    customer = records.customers.get(bid.customer_id) if bid.customer_id else None
    return draft_bid_summary(bid, customer)


def brief_for(records: Records, plan: PlannedVisit, now: datetime) -> str | None:
    customer = records.customers.get(plan.customer_id)
    if customer is None:
        return None
    return visit_brief(
        plan,
        customer,
        records.visits.for_customer(customer.id, limit=3),
        records.follow_ups.open_for_customer(customer.id),
        records.letters.open_for_customer(customer.id),
        now,
    )


def forecast_rows(records: Records) -> tuple[CustomerForecastRow, ...]:
    """The rows of the month's forecast workbook (paperwork.forecast): the user's customers,
    each with the last visit and the open follow-ups."""
    rows = []
    for customer in records.customers.all():
        visits = records.visits.for_customer(customer.id, limit=1)
        rows.append(
            CustomerForecastRow(
                customer,
                visits[0] if visits else None,
                tuple(records.follow_ups.open_for_customer(customer.id)),
            )
        )
    return tuple(rows)
