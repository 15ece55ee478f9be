"""The read-only facts behind /stats: only readable owners' rows, only since the window began."""

from __future__ import annotations

from datetime import timedelta

from storage.models import WAY_ONSITE, WAY_PHONE, NewCustomer, NewLetter, Way
from storage.scope import Scope
from storage.stats_queries import letter_facts, visit_facts
from storage.store import Records, Store
from tests.conftest import FIXED_NOW
from tests.storage.conftest import OTHER_ID, OWNER_ID, a_visit

DAY = timedelta(days=1)
SINCE = FIXED_NOW - 10 * DAY


def log(records: Records, days_ago: int, way: Way = WAY_ONSITE) -> int:
    customer = records.customers.add(NewCustomer(f"客户{days_ago}{way}"))
    visit, _ = records.visits.add(a_visit(customer.id, hours=-24 * days_ago, way=way), [])
    return visit.id


def receive(records: Records, days_ago: int) -> int:
    customer = records.customers.add(NewCustomer(f"来函客户{days_ago}"))
    received = FIXED_NOW - days_ago * DAY
    return records.letters.add(NewLetter(customer.id, received, "函", received + 2 * DAY)).id


def test_visit_facts_hold_only_readable_owners_since_the_start(
    store: Store, mine: Records, theirs: Records
) -> None:
    log(mine, 3)
    log(mine, 30)
    log(theirs, 3)
    facts = visit_facts(store.db, Scope.own(OWNER_ID), SINCE)
    assert [(fact.owner_id, fact.started_at) for fact in facts] == [
        (OWNER_ID, FIXED_NOW - 3 * DAY)
    ]


def test_a_team_scope_reads_every_member(store: Store, mine: Records, theirs: Records) -> None:
    log(mine, 3)
    log(theirs, 2, WAY_PHONE)
    team = Scope(actor_id=OWNER_ID, readable_owner_ids=frozenset({OWNER_ID, OTHER_ID}))
    facts = visit_facts(store.db, team, SINCE)
    assert [(fact.owner_id, fact.way) for fact in facts] == [
        (OWNER_ID, WAY_ONSITE),
        (OTHER_ID, WAY_PHONE),
    ]


def test_visit_facts_carry_when_the_thank_you_letter_went(store: Store, mine: Records) -> None:
    sent = log(mine, 3)
    log(mine, 2)
    mine.visits.mark_thank_you_sent(sent, FIXED_NOW - 2 * DAY)
    facts = visit_facts(store.db, Scope.own(OWNER_ID), SINCE)
    assert [fact.thank_you_sent_at for fact in facts] == [FIXED_NOW - 2 * DAY, None]


def test_letter_facts_hold_only_readable_owners_since_the_start(
    store: Store, mine: Records, theirs: Records
) -> None:
    answered = receive(mine, 3)
    receive(mine, 30)
    receive(theirs, 3)
    mine.letters.mark_answered(answered, FIXED_NOW - 2 * DAY)
    [letter] = letter_facts(store.db, Scope.own(OWNER_ID), SINCE)
    assert (letter.owner_id, letter.received_at, letter.reply_due_at, letter.answered_at) == (
        OWNER_ID,
        FIXED_NOW - 3 * DAY,
        FIXED_NOW - DAY,
        FIXED_NOW - 2 * DAY,
    )
