"""Customer letters stay open, soonest reply due first, until answered."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.errors import NotFound
from storage.models import Customer, NewCustomer, NewLetter
from storage.store import Records
from tests.conftest import FIXED_NOW


def letter(customer_id: int, due_days: int, subject: str = "关于专线扩容的函") -> NewLetter:
    return NewLetter(customer_id, FIXED_NOW, subject, FIXED_NOW + timedelta(days=due_days))


def test_letter_is_stored_open(mine: Records, customer: Customer) -> None:
    stored = mine.letters.add(letter(customer.id, 5))
    assert stored.subject == "关于专线扩容的函"
    assert stored.received_at == FIXED_NOW
    assert stored.reply_due_at == FIXED_NOW + timedelta(days=5)
    assert stored.answered_at is None
    assert mine.letters.get(stored.id) == stored


def test_open_letters_are_listed_soonest_reply_first(mine: Records, customer: Customer) -> None:
    other = mine.customers.add(NewCustomer("远航物流"))
    late = mine.letters.add(letter(customer.id, 7))
    soon = mine.letters.add(letter(other.id, 2))
    assert mine.letters.open_letters() == [soon, late]
    assert mine.letters.open_for_customer(customer.id) == [late]
    assert mine.letters.all() == [late, soon]


def test_answered_letter_leaves_the_open_lists(mine: Records, customer: Customer) -> None:
    stored = mine.letters.add(letter(customer.id, 5))
    answered_at = FIXED_NOW + timedelta(days=1)
    answered = mine.letters.mark_answered(stored.id, answered_at)
    assert answered is not None
    assert answered.answered_at == answered_at
    assert mine.letters.open_letters() == []
    assert mine.letters.open_for_customer(customer.id) == []
    again = mine.letters.mark_answered(stored.id, answered_at + timedelta(days=1))
    assert again == answered


def test_letter_from_a_missing_customer_raises_not_found(mine: Records) -> None:
    with pytest.raises(NotFound):
        mine.letters.add(letter(999, 5))
