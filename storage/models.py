"""The records of visit logging as plain frozen data, and the values for creating them.

A record is read from its row and written by storage/rows.py, by its fields: nothing here maps
a row by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal

from pydantic import Json

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


@dataclass(frozen=True)
class Bid:
    id: int
    owner_id: int
    customer_id: int | None
    project: str
    starts_at: datetime
    place: str
    checklist_done: Json[tuple[str, ...]]  # keys of the checklist items ticked, in ticking order
    summary: str | None
    summarized_at: datetime | None
    created_at: datetime


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


@dataclass(frozen=True)
class AuditEntry:
    """One change to one record; before/after are the stored rows (times as ISO text)."""

    id: int
    at: datetime
    actor_id: int
    table_name: str
    record_id: int
    action: AuditAction
    before: Json[dict[str, Any]] | None
    after: Json[dict[str, Any]] | None


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
