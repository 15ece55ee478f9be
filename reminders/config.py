"""Reads config/reminders.yaml: when each kind of obligation is reminded, each field checked."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from fieldwork.obligations import OBLIGATION_KINDS
from ops.configuration import REMINDERS_FILE
from storage.settings import TRAVEL_MINUTES_MAX, UserSettings, parse_wall_time

SlotType = Literal["before", "day_before", "at", "after", "first_workday", "overdue"]
_DURATION = re.compile(r"^(\d+)([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


class ReminderConfigError(Exception):
    """The reminder configuration is invalid; the message names the file and the field."""


# -- values ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Offset:
    """A duration as written in the file ('24h'): the text names the slot, the span times it."""

    text: str
    span: timedelta


def _offset(value: Any) -> Offset:
    text = str(value).strip() if isinstance(value, str | int) else None
    match = _DURATION.match(text) if text is not None else None
    if text is None or match is None:
        raise ValueError(f"expected a duration such as 15m, 2h or 1d, not {value!r}")
    amount, unit = match.groups()
    return Offset(text, timedelta(**{_UNITS[unit]: int(amount)}))


def _wall_time(value: Any) -> time:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 16:00 as the number 960 (minutes): take it as meant.
        hours, minutes = divmod(value, 60)
        if hours < 24:
            return time(hours, minutes)
    if isinstance(value, str):
        try:
            return parse_wall_time(value)
        except ValueError:
            pass
    raise ValueError(f"expected a wall time 'HH:MM' such as \"16:00\", not {value!r}")


OffsetValue = Annotated[Offset, BeforeValidator(_offset)]
WallTime = Annotated[time, BeforeValidator(_wall_time)]


@dataclass(frozen=True)
class SlotRule:
    """One reminder of an obligation kind: its slot name and when it goes out."""

    type: SlotType
    offset: timedelta = timedelta(0)  # before / after / overdue
    wall: time | None = None  # day_before / first_workday
    label: str = ""  # the offset as written, part of the slot name

    @property
    def name(self) -> str:
        """The slot's stored name: before:24h, after:15m, day_before, at, overdue …"""
        return f"{self.type}:{self.label}" if self.type in ("before", "after") else self.type

    @property
    def after_deadline(self) -> bool:
        return self.type in ("after", "overdue")


@dataclass(frozen=True)
class ReminderDefaults:
    quiet_start: time
    quiet_end: time
    digest_at: time | None
    travel_minutes: int

    def settings_for(self, user_id: int) -> UserSettings:
        return UserSettings(
            user_id,
            quiet_start=self.quiet_start,
            quiet_end=self.quiet_end,
            digest_at=self.digest_at,
            travel_minutes=self.travel_minutes,
        )


@dataclass(frozen=True)
class ReminderConfig:
    slots: Mapping[str, tuple[SlotRule, ...]]  # per obligation kind, in the file's order
    quiet_lead: timedelta  # a moved reminder goes out this long before quiet hours start
    late_grace: timedelta  # sent later than the sweep interval plus this: late (（补发）)
    defaults: ReminderDefaults

    def slot_rules(self, kind: str) -> tuple[SlotRule, ...]:
        try:
            return self.slots[kind]
        except KeyError:
            raise ReminderConfigError(f"no reminder slots configured for {kind!r}") from None


# -- schema ----------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class KindSchema(_Strict):
    before: list[OffsetValue] = Field(default_factory=list)
    day_before: WallTime | None = None
    at: bool = False
    after: list[OffsetValue] = Field(default_factory=list)
    first_workday: WallTime | None = None
    overdue: OffsetValue | None = None

    @model_validator(mode="after")
    def _some_reminder(self) -> KindSchema:
        if not self.rules():
            raise ValueError("a kind needs at least one reminder (before, at, overdue …)")
        labels = [offset.text for offset in self.before]
        if len(set(labels)) != len(labels):
            raise ValueError("the same offset is listed twice under 'before'")
        if any(offset.span <= timedelta(0) for offset in self.before):
            raise ValueError("'before' offsets must be longer than 0")
        return self

    def rules(self) -> tuple[SlotRule, ...]:
        rules: list[SlotRule] = []
        if self.day_before is not None:
            rules.append(SlotRule("day_before", wall=self.day_before))
        if self.first_workday is not None:
            rules.append(SlotRule("first_workday", wall=self.first_workday))
        rules += [SlotRule("before", offset.span, label=offset.text) for offset in self.before]
        if self.at:
            rules.append(SlotRule("at"))
        rules += [SlotRule("after", offset.span, label=offset.text) for offset in self.after]
        if self.overdue is not None:
            rules.append(SlotRule("overdue", self.overdue.span))
        return tuple(rules)


class KindsSchema(_Strict):
    """Every obligation kind must be configured, and nothing else: a typo fails at start."""

    thank_you_letter: KindSchema
    written_reply: KindSchema
    follow_up: KindSchema
    plan_confirm: KindSchema
    plan_depart: KindSchema
    plan_log: KindSchema
    bid_checklist: KindSchema
    bid_arrive: KindSchema
    bid_summary: KindSchema
    demand_forecast: KindSchema
    regular_visit: KindSchema


class SweepSchema(_Strict):
    late_grace: OffsetValue


class DefaultsSchema(_Strict):
    quiet_start: WallTime
    quiet_end: WallTime
    digest_at: WallTime | None
    travel_minutes: Annotated[int, Field(ge=0, le=TRAVEL_MINUTES_MAX)]


class ReminderConfigSchema(_Strict):
    kinds: KindsSchema
    quiet_lead: OffsetValue
    sweep: SweepSchema
    defaults: DefaultsSchema


# -- loading ---------------------------------------------------------------------------------


def load_reminder_config(path: Path = REMINDERS_FILE) -> ReminderConfig:
    """The validated configuration; ReminderConfigError naming the file and field if invalid."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ReminderConfigError(f"{path}: cannot read the reminder settings: {error}") from error
    if not isinstance(data, dict):
        raise ReminderConfigError(f"{path}: the top level must be a mapping (kinds:, sweep: …)")
    try:
        schema = ReminderConfigSchema.model_validate(data)
    except ValidationError as error:
        problems = [
            f"{path}: field '{'.'.join(str(part) for part in detail['loc']) or '(top)'}': "
            f"{detail['msg']}"
            for detail in error.errors()
        ]
        raise ReminderConfigError("\n".join(problems)) from None
    kinds = schema.kinds
    defaults = schema.defaults
    return ReminderConfig(
        slots={kind: getattr(kinds, kind).rules() for kind in OBLIGATION_KINDS},
        quiet_lead=schema.quiet_lead.span,
        late_grace=schema.sweep.late_grace.span,
        defaults=ReminderDefaults(
            quiet_start=defaults.quiet_start,
            quiet_end=defaults.quiet_end,
            digest_at=defaults.digest_at,
            travel_minutes=defaults.travel_minutes,
        ),
    )
