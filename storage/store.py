"""The storage facade handlers reach through context.store: one database, its repositories."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from storage.audit import AuditRepository, OwnerActivity, owner_activity
from storage.bids import BidRepository
from storage.completions import CompletionRepository
from storage.customer_view import CustomerView, load_customer_view
from storage.customers import CustomerRepository
from storage.database import open_database
from storage.escalations import Escalations
from storage.follow_ups import FollowUpRepository
from storage.letters import LetterRepository
from storage.plans import PlanRepository
from storage.practice import Practice
from storage.reminders import OwnReminders, ReminderQueue
from storage.review import ReviewDecisions
from storage.scope import Scope
from storage.settings import SettingsRepository
from storage.signatures import OwnSignature
from storage.staff import StaffRegistry
from storage.stats_queries import LetterFact, VisitFact, letter_facts, visit_facts
from storage.timestamps import to_text
from storage.unanswered import UnansweredQuestions
from storage.visits import VisitRepository
from timekeeping.clock import Clock, utc_now


class Records:
    """The visit-logging repositories, all seeing through one scope."""

    def __init__(self, db: Database, scope: Scope, clock: Clock) -> None:
        self._db = db
        self.scope = scope
        self.customers = CustomerRepository(db, scope, clock)
        self.visits = VisitRepository(db, scope, clock)
        self.follow_ups = FollowUpRepository(db, scope, clock)
        self.letters = LetterRepository(db, scope, clock)
        self.bids = BidRepository(db, scope, clock)
        self.plans = PlanRepository(db, scope, clock)
        self.audit = AuditRepository(db, scope, clock)
        self.signature = OwnSignature(db, scope.actor_id, clock)

    def customer_view(self, customer_id: int, *, visits_limit: int = 10) -> CustomerView | None:
        return load_customer_view(self._db, self.scope, customer_id, visits_limit=visits_limit)

    def visit_facts(self, since: datetime) -> list[VisitFact]:
        """What the statistics need of the readable visits started since then, oldest first."""
        return visit_facts(self._db, self.scope, since)

    def letter_facts(self, since: datetime) -> list[LetterFact]:
        """What the statistics need of the readable letters received since then."""
        return letter_facts(self._db, self.scope, since)


class Store:
    """One database and its repositories; nothing outside storage/ runs SQL."""

    def __init__(self, path: Path | str, clock: Clock = utc_now) -> None:
        self.db = open_database(path)
        self.clock = clock
        self.staff = StaffRegistry(self.db, clock)
        self.unanswered = UnansweredQuestions(self.db)
        self.review = ReviewDecisions(self.db)
        self.reminders = ReminderQueue(self.db, clock)
        self.settings = SettingsRepository(self.db, clock)
        self.escalations = Escalations(self.db)
        self.practice = Practice(self.db)

    def atomic(self) -> AbstractContextManager[object]:
        """One transaction around several repositories' writes: all or nothing."""
        return self.db.atomic()

    def user_data(self, user_id: int) -> dict[str, object]:
        """What the bot keeps for a user between updates (python-telegram-bot's user_data, as
        persisted after every update): the open dialog, for instance."""
        row = next(
            self.db.query("SELECT data FROM ptb_user_data WHERE user_id = ?", [user_id]), None
        )
        data = json.loads(row["data"]) if row is not None else {}
        return data if isinstance(data, dict) else {}

    def ping(self) -> None:
        """A query on the bot's own connection: raises if the database does not answer."""
        self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def owner_activity(self, owner_id: int, since: int | None) -> OwnerActivity:
        """Whether the owner changed anything after audit row `since` (reminders/sync.py)."""
        return owner_activity(self.db, owner_id, since)

    def records(self, scope: Scope) -> Records:
        """The records `scope` may see; cheap, so build one per update."""
        return Records(self.db, scope, self.clock)

    def dialog_saved(self, dialog_id: str) -> bool:
        return self.db.table("saved_dialogs").count_where("id = ?", [dialog_id]) > 0

    def mark_dialog_saved(self, dialog_id: str, user_id: int, at: datetime) -> None:
        self.db.table("saved_dialogs").insert(
            {"id": dialog_id, "user_id": user_id, "saved_at": to_text(at)}, ignore=True
        )

    def completions(self, owner_id: int) -> CompletionRepository:
        """The owner's completed obligations that have no record of their own."""
        return CompletionRepository(self.db, owner_id, self.clock)

    def own_reminders(self, user_id: int) -> OwnReminders:
        """The reminders one user may touch (their buttons); others' ids read as not found."""
        return OwnReminders(self.db, user_id, self.clock)

    def close(self) -> None:
        self.db.close()
