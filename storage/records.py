"""The records of visit logging as plain frozen data, and the values for creating them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal, cast

from storage.timestamps import from_text, optional_from_text

Way = Literal["phone", "onsite"]
WAY_PHONE: Final = "phone"
WAY_ONSITE: Final = "onsite"
WAYS: tuple[Way, ...] = (WAY_PHONE, WAY_ONSITE)

# The material's stages of a customer relationship, in order: 一般性接触, 建立关系,
# 了解实质性内容, 建立长期合作关系.
Stage = Literal["contact", "relationship", "substance", "partnership"]
STAGE_CONTACT: Final = "contact"
STAGE_RELATIONSHIP: Final = "relationship"
STAGE_SUBSTANCE: Final = "substance"
STAGE_PARTNERSHIP: Final = "partnership"
STAGES: tuple[Stage, ...] = (
    STAGE_CONTACT,
    STAGE_RELATIONSHIP,
    STAGE_SUBSTANCE,
    STAGE_PARTNERSHIP,
)

Companions = Literal["alone", "project_group"]
COMPANIONS_ALONE: Final = "alone"
COMPANIONS_PROJECT_GROUP: Final = "project_group"
COMPANIONS: tuple[Companions, ...] = (COMPANIONS_ALONE, COMPANIONS_PROJECT_GROUP)

# A follow-up item is either something the customer asked for or something we promised.
Kind = Literal["request", "commitment"]
KIND_REQUEST: Final = "request"
KIND_COMMITMENT: Final = "commitment"
KINDS: tuple[Kind, ...] = (KIND_REQUEST, KIND_COMMITMENT)

PlanStatus = Literal["planned", "logged", "cancelled"]
PLAN_PLANNED: Final = "planned"
PLAN_LOGGED: Final = "logged"
PLAN_CANCELLED: Final = "cancelled"
PLAN_STATUSES: tuple[PlanStatus, ...] = (PLAN_PLANNED, PLAN_LOGGED, PLAN_CANCELLED)

AuditAction = Literal["create", "update", "delete"]
ACTION_CREATE: Final = "create"
ACTION_UPDATE: Final = "update"
ACTION_DELETE: Final = "delete"

Row = Mapping[str, Any]


# ----------------------------------------------------------------------------- stored records


@dataclass(frozen=True)
class Customer:
    id: int
    owner_id: int
    name: str
    industry: str | None
    finance_info: str | None  # 财务信息
    production_info: str | None  # 生产信息
    sales_info: str | None  # 销售信息
    management_info: str | None  # 管理资源信息
    market_info: str | None  # 行业和产品等市场信息
    contacts: str | None  # free text: people, titles, phones
    visit_cadence_days: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: Row) -> Customer:
        return cls(
            id=row["id"],
            owner_id=row["owner_id"],
            name=row["name"],
            industry=row["industry"],
            finance_info=row["finance_info"],
            production_info=row["production_info"],
            sales_info=row["sales_info"],
            management_info=row["management_info"],
            market_info=row["market_info"],
            contacts=row["contacts"],
            visit_cadence_days=row["visit_cadence_days"],
            created_at=from_text(row["created_at"]),
            updated_at=from_text(row["updated_at"]),
        )


@dataclass(frozen=True)
class Visit:
    id: int
    owner_id: int
    customer_id: int
    way: Way
    stage: Stage
    purpose: str
    started_at: datetime
    ended_at: datetime
    companions: Companions
    people_met: str | None
    learned: str | None
    customer_views: str | None  # 客户的主观看法
    next_step: str | None
    plan_id: int | None
    created_at: datetime
    thank_you_sent_at: datetime | None = None  # norm 1.2.1-12: sent within 48 h of the visit

    @classmethod
    def from_row(cls, row: Row) -> Visit:
        return cls(
            id=row["id"],
            owner_id=row["owner_id"],
            customer_id=row["customer_id"],
            way=cast(Way, row["way"]),
            stage=cast(Stage, row["stage"]),
            purpose=row["purpose"],
            started_at=from_text(row["started_at"]),
            ended_at=from_text(row["ended_at"]),
            companions=cast(Companions, row["companions"]),
            people_met=row["people_met"],
            learned=row["learned"],
            customer_views=row["customer_views"],
            next_step=row["next_step"],
            plan_id=row["plan_id"],
            created_at=from_text(row["created_at"]),
            thank_you_sent_at=optional_from_text(row["thank_you_sent_at"]),
        )


@dataclass(frozen=True)
class FollowUpItem:
    id: int
    owner_id: int
    customer_id: int
    visit_id: int | None
    kind: Kind
    text: str
    due_at: datetime
    done_at: datetime | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: Row) -> FollowUpItem:
        return cls(
            id=row["id"],
            owner_id=row["owner_id"],
            customer_id=row["customer_id"],
            visit_id=row["visit_id"],
            kind=cast(Kind, row["kind"]),
            text=row["text"],
            due_at=from_text(row["due_at"]),
            done_at=optional_from_text(row["done_at"]),
            created_at=from_text(row["created_at"]),
        )


@dataclass(frozen=True)
class CustomerLetter:
    id: int
    owner_id: int
    customer_id: int
    received_at: datetime
    subject: str
    reply_due_at: datetime
    answered_at: datetime | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: Row) -> CustomerLetter:
        return cls(
            id=row["id"],
            owner_id=row["owner_id"],
            customer_id=row["customer_id"],
            received_at=from_text(row["received_at"]),
            subject=row["subject"],
            reply_due_at=from_text(row["reply_due_at"]),
            answered_at=optional_from_text(row["answered_at"]),
            created_at=from_text(row["created_at"]),
        )


@dataclass(frozen=True)
class Bid:
    id: int
    owner_id: int
    customer_id: int | None
    project: str
    starts_at: datetime
    place: str
    checklist_done: tuple[str, ...]  # keys of the checklist items ticked, in ticking order
    summary: str | None
    summarized_at: datetime | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: Row) -> Bid:
        return cls(
            id=row["id"],
            owner_id=row["owner_id"],
            customer_id=row["customer_id"],
            project=row["project"],
            starts_at=from_text(row["starts_at"]),
            place=row["place"],
            checklist_done=tuple(json.loads(row["checklist_done"])),
            summary=row["summary"],
            summarized_at=optional_from_text(row["summarized_at"]),
            created_at=from_text(row["created_at"]),
        )


@dataclass(frozen=True)
class PlannedVisit:
    id: int
    owner_id: int
    customer_id: int
    way: Way
    starts_at: datetime
    ends_at: datetime | None
    purpose: str
    key_points: str | None  # 重点
    intro_content: str | None  # 要介绍的内容
    customer_concerns: str | None  # 客户关心的问题
    booking_confirmed: bool
    status: PlanStatus
    visit_id: int | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: Row) -> PlannedVisit:
        return cls(
            id=row["id"],
            owner_id=row["owner_id"],
            customer_id=row["customer_id"],
            way=cast(Way, row["way"]),
            starts_at=from_text(row["starts_at"]),
            ends_at=optional_from_text(row["ends_at"]),
            purpose=row["purpose"],
            key_points=row["key_points"],
            intro_content=row["intro_content"],
            customer_concerns=row["customer_concerns"],
            booking_confirmed=bool(row["booking_confirmed"]),
            status=cast(PlanStatus, row["status"]),
            visit_id=row["visit_id"],
            created_at=from_text(row["created_at"]),
        )


@dataclass(frozen=True)
class AuditEntry:
    """One change to one record; before/after are the stored rows (times as ISO text)."""

    id: int
    at: datetime
    actor_id: int
    table_name: str
    record_id: int
    action: AuditAction
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @classmethod
    def from_row(cls, row: Row) -> AuditEntry:
        return cls(
            id=row["id"],
            at=from_text(row["at"]),
            actor_id=row["actor_id"],
            table_name=row["table_name"],
            record_id=row["record_id"],
            action=cast(AuditAction, row["action"]),
            before=None if row["before"] is None else json.loads(row["before"]),
            after=None if row["after"] is None else json.loads(row["after"]),
        )


# ---------------------------------------------------------------------- values for creating


@dataclass(frozen=True)
class NewCustomer:
    name: str
    industry: str | None = None
    finance_info: str | None = None
    production_info: str | None = None
    sales_info: str | None = None
    management_info: str | None = None
    market_info: str | None = None
    contacts: str | None = None
    visit_cadence_days: int = 30


@dataclass(frozen=True)
class NewVisit:
    customer_id: int
    way: Way
    stage: Stage
    purpose: str
    started_at: datetime
    ended_at: datetime
    companions: Companions
    people_met: str | None = None
    learned: str | None = None
    customer_views: str | None = None
    next_step: str | None = None
    plan_id: int | None = None


@dataclass(frozen=True)
class NewItem:
    kind: Kind
    text: str
    due_at: datetime


@dataclass(frozen=True)
class NewLetter:
    customer_id: int
    received_at: datetime
    subject: str
    reply_due_at: datetime


@dataclass(frozen=True)
class NewBid:
    customer_id: int | None
    project: str
    starts_at: datetime
    place: str


@dataclass(frozen=True)
class NewPlan:
    customer_id: int
    way: Way
    starts_at: datetime
    ends_at: datetime | None
    purpose: str
    key_points: str | None = None
    intro_content: str | None = None
    customer_concerns: str | None = None
    booking_confirmed: bool = False


def check_choice(field: str, value: str, allowed: tuple[str, ...]) -> None:
    """Refuse a value outside an enumeration before it reaches the database."""
    if value not in allowed:
        raise ValueError(f"{field} must be one of {', '.join(allowed)}, not {value!r}")


def check_text(field: str, value: str) -> None:
    if not value.strip():
        raise ValueError(f"{field} must not be empty")
