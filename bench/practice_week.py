"""One simulated week of 每日一练 for 20 people, time injected, through the reminder engine:
the hourly planning (reminders.sync), the sweep that composes and sends (reminders.sender) and
the rounds answered as people would (70 % right). Prints the pushes sent, any in quiet hours,
rounds started per person and day (duplicates), what a crash between composing and marking a
push as sent does (the push is sent again with the same round, never a second round), and the
repetition intervals the answers produced against the designed ones.

    python -m bench.practice_week
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import cast

from knowledge.service import KnowledgeService, build_knowledge
from reminders.config import load_reminder_config
from reminders.messages import compose_reminder
from reminders.practice import PRACTICE
from reminders.sender import SendReply, sweep
from reminders.sync import sync_owner
from storage.store import Store
from timekeeping.zone import local_date, to_local
from training.coach import Coach
from training.repetition import INTERVAL_DAYS
from views.common import Reply

PEOPLE = 20
DAYS = 7
STEP = timedelta(minutes=15)
START = datetime(2026, 12, 6, 16, 0, tzinfo=UTC)  # Monday 00:00 in Shanghai
RIGHT_SHARE = 0.7
CRASH_DAY = 3  # on this day the first push is composed, "killed" before it is marked sent


@dataclass
class Sent:
    owner_id: int
    at: datetime
    text: str
    message_id: int


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def main() -> None:
    asyncio.run(simulate())


async def simulate() -> None:
    clock = Clock(START)
    store = Store(":memory:", clock=clock)
    knowledge = build_knowledge(encoder=False)
    service = KnowledgeService(knowledge=knowledge)
    config = load_reminder_config()
    rng = random.Random(7)
    for person in range(1, PEOPLE + 1):
        store.staff.add(person, f"经理{person}", "manager", "一组", actor_id=0)
        # Some choose 07:00, inside the default quiet hours (22:00–08:00): it moves to 08:00.
        at = [time(7, 0), time(9, 0), time(12, 30), time(17, 30)][person % 4]
        store.settings.update(person, practice_at=at)
    sent: list[Sent] = []

    async def send(owner_id: int, reply: Reply) -> object:
        message = Sent(owner_id, clock.now, reply.text, len(sent) + 1)
        sent.append(message)
        return message

    def compose(reminder: object) -> Reply | None:
        return compose_reminder(reminder, store, service.current, config, clock.now)  # type: ignore[arg-type]

    crash_done = False
    repeated_after_crash = 0
    intervals: Counter[tuple[int, int]] = Counter()  # (box, days until due) after each answer
    while clock.now < START + timedelta(days=DAYS):
        if clock.now.minute == 0:
            for person in range(1, PEOPLE + 1):  # the hourly sync
                sync_owner(store, knowledge.kb, config, person, clock.now)
        day = (local_date(clock.now) - local_date(START)).days
        if day == CRASH_DAY and not crash_done:
            due = [r for r in store.reminders.due(clock.now, 10) if r.kind == PRACTICE]
            if due:
                compose(due[0])  # composed (its round started), then the process died
                crash_done = True
                repeated_after_crash = due[0].owner_id
        before = len(sent)
        await sweep(
            cast(SendReply, send), store.reminders, compose, clock, late_after=timedelta(minutes=2)
        )
        for message in sent[before:]:
            answer_round(store, knowledge, clock, message.owner_id, rng, intervals)
        clock.now += STEP
    report(store, sent, intervals, repeated_after_crash)


def answer_round(
    store: Store,
    knowledge: object,
    clock: Clock,
    person: int,
    rng: random.Random,
    intervals: Counter[tuple[int, int]],
) -> None:
    coach = Coach(knowledge.kb, store.practice, clock)  # type: ignore[attr-defined]
    asked = coach.current(person)
    while asked is not None:
        right = rng.random() < RIGHT_SHARE
        option = asked.question.answer if right else (asked.question.answer + 1) % 2
        checked = coach.answer(person, asked.round_id, asked.position, option)
        progress = store.practice.progress(person)[checked.norm.id]
        intervals[(progress.box, (progress.due_on - local_date(clock.now)).days)] += 1
        asked = checked.next


def report(
    store: Store, sent: list[Sent], intervals: Counter[tuple[int, int]], crashed: int
) -> None:
    pushes = [m for m in sent if m.text.startswith("📚 每日一练")]
    settings = {p: store.settings.get(p) for p in range(1, PEOPLE + 1)}
    in_quiet = [m for m in pushes if settings[m.owner_id].is_quiet(to_local(m.at).time())]
    per_day = Counter((m.owner_id, local_date(m.at)) for m in pushes)
    rounds: Counter[tuple[int, date]] = Counter()
    for person in range(1, PEOPLE + 1):
        for day in (local_date(START) + timedelta(days=n) for n in range(DAYS)):
            rounds[(person, day)] = store.practice.daily_rounds(person, day)
    print(f"people: {PEOPLE}, days: {DAYS}, clock step: {STEP}")
    print(f"pushes sent: {len(pushes)} (expected {PEOPLE * DAYS})")
    print(f"pushes in quiet hours: {len(in_quiet)}")
    print(f"people-days with more than one push: {sum(n > 1 for n in per_day.values())}")
    twice = sum(count > 1 for count in rounds.values())
    print(f"daily rounds: {sum(rounds.values())}, people-days with two or more: {twice}")
    crash_day = local_date(START) + timedelta(days=CRASH_DAY)
    print(
        f"crash before marking sent (person {crashed}): pushed again with the same round; "
        f"that day: {per_day.get((crashed, crash_day), 0)} push, "
        f"{rounds[(crashed, crash_day)]} round"
    )
    wrong = {box: days for (box, days) in intervals if days != INTERVAL_DAYS[box]}
    print("repetition intervals (box → days until asked again, answers):")
    for (box, days), count in sorted(intervals.items()):
        print(f"  box {box}: {days} days × {count}")
    print(f"intervals off the design: {len(wrong)}")


if __name__ == "__main__":
    main()
