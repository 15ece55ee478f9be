"""Errors the record repositories raise for callers to turn into a friendly reply."""

from __future__ import annotations


class NotFound(LookupError):
    """No such record for this user: missing and someone else's look the same, on purpose."""


class DuplicateCustomer(ValueError):
    """The user already has a customer of that name."""
