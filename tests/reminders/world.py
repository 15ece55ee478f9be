"""A user's records on a controllable clock, for the obligation, planning and sync tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from fieldwork.obligations import Obligation, open_obligations
from knowledge.service import Knowledge
from reminders.config import ReminderConfig, load_reminder_config
from storage.models import (
    COMPANIONS_ALONE,
    STAGE_RELATIONSHIP,
    WAY_ONSITE,
    Bid,
    Customer,
    CustomerLetter,
    FollowUpItem,
    NewBid,
    NewCustomer,
    NewItem,
    NewLetter,
    NewPlan,
    NewVisit,
    PlannedVisit,
    Visit,
    Way,
)
from storage.reminders import Reminder
from storage.scope import Scope
from storage.settings import UserSettings
from storage.store import Records, Store
from tests.storage.conftest import FakeClock
from tests.timekeeping.clock import shanghai

OWNER_ID = 100001
OTHER_ID = 100002
# Friday 27 November 2026, 10:30 in Shanghai (tests.conftest.FIXED_NOW).
START = shanghai(2026, 11, 27, 10, 30)


def config() -> ReminderConfig:
    return load_reminder_config()


@dataclass
class World:
    """One store, its clock and the knowledge base; records are added at the clock's time."""

    knowledge: Knowledge
    clock: FakeClock = field(default_factory=lambda: FakeClock(START))
    store: Store = field(init=False)

    def __post_init__(self) -> None:
        self.store = Store(":memory:", clock=self.clock)

    @property
    def now(self) -> datetime:
        return self.clock.now

    def at(self, moment: datetime) -> World:
        self.clock.now = moment
        return self

    def records(self, owner_id: int = OWNER_ID) -> Records:
        return self.store.records(Scope.own(owner_id))

    def settings(self, owner_id: int = OWNER_ID) -> UserSettings:
        return self.store.settings.get(owner_id)

    def customer(self, name: str = "华为技术有限公司", *, cadence: int = 30) -> Customer:
        return self.records().customers.add(NewCustomer(name=name, visit_cadence_days=cadence))

    def visit(
        self,
        customer: Customer,
        start: datetime,
        end: datetime | None = None,
        *,
        way: Way = WAY_ONSITE,
        items: Sequence[NewItem] = (),
        plan_id: int | None = None,
    ) -> tuple[Visit, list[FollowUpItem]]:
        return self.records().visits.add(
            NewVisit(
                customer_id=customer.id,
                way=way,
                stage=STAGE_RELATIONSHIP,
                purpose="介绍云专线方案",
                started_at=start,
                ended_at=end or start + timedelta(hours=1),
                companions=COMPANIONS_ALONE,
                plan_id=plan_id,
            ),
            items,
        )

    def letter(self, customer: Customer, received: datetime, due: datetime) -> CustomerLetter:
        return self.records().letters.add(
            NewLetter(
                customer_id=customer.id, received_at=received, subject="专线报价", reply_due_at=due
            )
        )

    def plan(
        self,
        customer: Customer,
        start: datetime,
        end: datetime | None = None,
        *,
        way: Way = WAY_ONSITE,
        confirmed: bool = False,
    ) -> PlannedVisit:
        return self.records().plans.add(
            NewPlan(
                customer_id=customer.id,
                way=way,
                starts_at=start,
                ends_at=end,
                purpose="介绍云专线方案",
                key_points="报价",
                booking_confirmed=confirmed,
            )
        )

    def bid(self, start: datetime, customer: Customer | None = None) -> Bid:
        return self.records().bids.add(
            NewBid(
                customer_id=customer.id if customer else None,
                project="智慧园区专网",
                starts_at=start,
                place="市公共资源交易中心",
            )
        )

    def obligations(self, owner_id: int = OWNER_ID) -> list[Obligation]:
        return open_obligations(
            self.records(owner_id),
            self.knowledge.kb,
            self.settings(owner_id),
            self.now,
            self.store.completions(owner_id),
        )

    def obligation(self, key: str) -> Obligation:
        [found] = [obligation for obligation in self.obligations() if obligation.key == key]
        return found

    def obligation_keys(self) -> list[str]:
        return [obligation.key for obligation in self.obligations()]

    def pending(self, owner_id: int = OWNER_ID) -> list[Reminder]:
        return self.store.own_reminders(owner_id).pending()

    def close(self) -> None:
        self.store.close()
