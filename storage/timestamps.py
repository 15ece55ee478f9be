"""How times are stored: aware datetimes as ISO 8601 text in UTC, which sorts as it reads."""

from __future__ import annotations

from datetime import UTC, datetime


def to_text(moment: datetime) -> str:
    """The stored form; naive datetimes are refused (their zone would be a guess)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: pass an aware one")
    return moment.astimezone(UTC).isoformat()


def optional_to_text(moment: datetime | None) -> str | None:
    return None if moment is None else to_text(moment)


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text)


def optional_from_text(text: str | None) -> datetime | None:
    return None if text is None else from_text(text)
