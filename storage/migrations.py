"""The schema, as ordered migrations: an older database file upgrades in place at start."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("kehu_zhushou")


@migrations()
def m001_unanswered_questions(db: Database) -> None:
    """Questions the knowledge base could not answer, for the people who maintain it."""
    db.table("unanswered_questions").create(
        {
            "id": int,
            "asked_at": str,  # ISO 8601, UTC
            "user_id": int,
            "question": str,
            "normalized": str,
            "outcome": str,  # declined | unsure | none_matched | picked
            "picked_norm_id": str,
            "best_norm_id": str,
            "best_score": float,
        },
        pk="id",
        not_null={"asked_at", "user_id", "question", "normalized", "outcome"},
    )
    db.table("unanswered_questions").create_index(["normalized"])


@migrations()
def m002_visit_records(db: Database) -> None:
    """Customers, visits and what follows from them, each row owned by one staff member.

    Times are ISO 8601 text in UTC; owner_id is the staff member's Telegram user id.
    """
    db.table("customers").create(
        {
            "id": int,
            "owner_id": int,
            "name": str,
            "industry": str,
            "finance_info": str,  # 财务信息
            "production_info": str,  # 生产信息
            "sales_info": str,  # 销售信息
            "management_info": str,  # 管理资源信息
            "market_info": str,  # 行业和产品等市场信息
            "contacts": str,
            "visit_cadence_days": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"owner_id", "name", "visit_cadence_days", "created_at", "updated_at"},
        defaults={"visit_cadence_days": 30},
    )
    db.table("customers").create_index(["owner_id", "name"], unique=True)

    # Before visits: a visit names the plan it carries out.
    db.table("planned_visits").create(
        {
            "id": int,
            "owner_id": int,
            "customer_id": int,
            "way": str,  # phone | onsite
            "starts_at": str,
            "ends_at": str,
            "purpose": str,
            "key_points": str,  # 重点
            "intro_content": str,  # 要介绍的内容
            "customer_concerns": str,  # 客户关心的问题
            "booking_confirmed": int,
            "status": str,  # planned | logged | cancelled
            "visit_id": int,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("customer_id", "customers", "id")],
        not_null={
            "owner_id",
            "customer_id",
            "way",
            "starts_at",
            "purpose",
            "booking_confirmed",
            "status",
            "created_at",
        },
        defaults={"booking_confirmed": 0, "status": "planned"},
    )
    db.table("planned_visits").create_index(["owner_id", "status", "starts_at"])
    db.table("planned_visits").create_index(["customer_id"])

    db.table("visits").create(
        {
            "id": int,
            "owner_id": int,
            "customer_id": int,
            "way": str,  # phone | onsite
            "stage": str,  # contact | relationship | substance | partnership
            "purpose": str,
            "started_at": str,
            "ended_at": str,
            "companions": str,  # alone | project_group
            "people_met": str,
            "learned": str,
            "customer_views": str,  # 客户的主观看法
            "next_step": str,
            "plan_id": int,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[
            ("customer_id", "customers", "id"),
            ("plan_id", "planned_visits", "id"),
        ],
        not_null={
            "owner_id",
            "customer_id",
            "way",
            "stage",
            "purpose",
            "started_at",
            "ended_at",
            "companions",
            "created_at",
        },
    )
    # The customer card reads the latest visits, their count and the last date from this one.
    db.table("visits").create_index(["owner_id", "customer_id", "started_at"])
    db.table("visits").create_index(["owner_id", "started_at"])

    db.table("follow_up_items").create(
        {
            "id": int,
            "owner_id": int,
            "customer_id": int,
            "visit_id": int,
            "kind": str,  # request | commitment
            "text": str,
            "due_at": str,
            "done_at": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("customer_id", "customers", "id"), ("visit_id", "visits", "id")],
        not_null={"owner_id", "customer_id", "kind", "text", "due_at", "created_at"},
    )
    db.table("follow_up_items").create_index(["owner_id", "done_at", "due_at"])
    db.table("follow_up_items").create_index(["customer_id"])
    db.table("follow_up_items").create_index(["visit_id"])

    db.table("customer_letters").create(
        {
            "id": int,
            "owner_id": int,
            "customer_id": int,
            "received_at": str,
            "subject": str,
            "reply_due_at": str,
            "answered_at": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("customer_id", "customers", "id")],
        not_null={
            "owner_id",
            "customer_id",
            "received_at",
            "subject",
            "reply_due_at",
            "created_at",
        },
    )
    db.table("customer_letters").create_index(["owner_id", "answered_at", "reply_due_at"])
    db.table("customer_letters").create_index(["customer_id"])

    db.table("bids").create(
        {
            "id": int,
            "owner_id": int,
            "customer_id": int,
            "project": str,
            "starts_at": str,
            "place": str,
            "checklist_done": str,  # JSON list of checklist item keys
            "summary": str,
            "summarized_at": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("customer_id", "customers", "id")],
        not_null={"owner_id", "project", "starts_at", "place", "checklist_done", "created_at"},
        defaults={"checklist_done": "[]"},
    )
    db.table("bids").create_index(["owner_id", "starts_at"])

    db.table("audit_log").create(
        {
            "id": int,
            "at": str,
            "actor_id": int,
            "table_name": str,
            "record_id": int,
            "action": str,  # create | update | delete
            "before": str,  # JSON of the stored row, null on create
            "after": str,  # JSON of the stored row, null on delete
        },
        pk="id",
        not_null={"at", "actor_id", "table_name", "record_id", "action"},
    )
    db.table("audit_log").create_index(["table_name", "record_id"])


@migrations()
def m003_ptb_persistence(db: Database) -> None:
    """What python-telegram-bot keeps between restarts: user and chat data, conversations."""
    db.table("ptb_user_data").create(
        {"user_id": int, "data": str}, pk="user_id", not_null={"data"}
    )
    db.table("ptb_chat_data").create(
        {"chat_id": int, "data": str}, pk="chat_id", not_null={"data"}
    )
    db.table("ptb_conversations").create(
        {"name": str, "key": str, "state": str},  # key: JSON list, state: JSON
        pk=("name", "key"),
        not_null={"state"},
    )


@migrations()
def m004_reminders(db: Database) -> None:
    """Reminders as rows with a state: nothing lives only in the job queue (docs/reminders.md)."""
    db.table("reminders").create(
        {
            "id": int,
            "owner_id": int,  # who is reminded; their private chat has the same id
            "key": str,  # the obligation, e.g. thank_you_letter:visit:12
            "kind": str,
            "slot": str,  # which reminder of the obligation: before:24h, overdue, snooze:1 …
            "deadline_at": str,
            "planned_at": str,  # when it was meant to go out (lateness is measured from here)
            "send_at": str,  # the next attempt: planned_at, or later after a failure or snooze
            "state": str,  # pending | sent | failed | cancelled
            "attempts": int,
            "last_error": str,
            "sent_at": str,
            "message_id": int,
            "late": int,
            "created_at": str,
        },
        pk="id",
        not_null={"owner_id", "key", "kind", "slot", "planned_at", "send_at", "state"},
        defaults={"attempts": 0, "late": 0, "state": "pending"},
    )
    db.table("reminders").create_index(["owner_id", "key", "slot"], unique=True)
    # The sweep reads only pending rows in send_at order: a partial index keeps that a range
    # query however many sent rows pile up.
    db.execute(
        "CREATE INDEX idx_reminders_pending_send_at ON reminders(send_at) WHERE state = 'pending'"
    )


@migrations()
def m005_reminder_settings(db: Database) -> None:
    """Per-user reminder settings, completions of obligations without a record of their own,
    and the thank-you letter's sent time on the visit."""
    db.table("user_settings").create(
        {
            "user_id": int,
            "quiet_start": str,  # local wall time HH:MM
            "quiet_end": str,
            "digest_at": str,  # local wall time HH:MM, null: no digest
            "travel_minutes": int,
            "updated_at": str,
        },
        pk="user_id",
    )
    db.table("obligation_completions").create(
        {"owner_id": int, "key": str, "done_at": str},
        pk=("owner_id", "key"),
        not_null={"done_at"},
    )
    db.table("visits").add_column("thank_you_sent_at", str)


@migrations()
def m006_staff(db: Database) -> None:
    """Who may use the bot, in which role and team, and one-time invitations to join."""
    db.table("staff").create(
        {
            "user_id": int,  # Telegram user id
            "name": str,
            "role": str,  # manager | lead | admin
            "team": str,
            "active": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="user_id",
        not_null={"name", "role", "active", "created_at", "updated_at"},
        defaults={"active": 1},
    )
    db.table("staff").create_index(["team", "active"])
    db.table("invitations").create(
        {
            "code": str,
            "role": str,
            "team": str,
            "created_by": int,
            "created_at": str,
            "expires_at": str,
            "used_by": int,
            "used_at": str,
        },
        pk="code",
        not_null={"role", "created_by", "created_at", "expires_at"},
    )
    # A team lead is told once about a member's item that is overdue by more than a set time.
    db.table("escalations").create(
        {"lead_id": int, "owner_id": int, "key": str, "told_at": str},
        pk=("lead_id", "owner_id", "key"),
        not_null={"told_at"},
    )


@migrations()
def m007_saved_dialogs(db: Database) -> None:
    """Dialogs whose records were saved: a repeated 确认保存 (after a crash or a failed reply)
    must not save them twice."""
    db.table("saved_dialogs").create(
        {"id": str, "user_id": int, "saved_at": str}, pk="id", not_null={"saved_at"}
    )


@migrations()
def m008_review_decisions(db: Database) -> None:
    """What curators decided about questions the bot did not answer outright: taught as a
    norm's example question, a synonym taught, out of scope, or ignored. Undone decisions stay
    (audit); the questions a decision covers point at it."""
    db.table("review_decisions").create(
        {
            "id": int,
            "kind": str,  # question | synonym | out_of_scope | ignored
            "norm_id": str,  # kind question: the norm the questions are about
            "variant": str,  # kind synonym: the word people type …
            "term": str,  # … and the material's term it stands for
            "questions": str,  # JSON list of the distinct question texts decided on
            "decided_by": int,
            "decided_at": str,
            "undone_by": int,
            "undone_at": str,
        },
        pk="id",
        not_null={"kind", "questions", "decided_by", "decided_at"},
    )
    db.table("unanswered_questions").add_column("decision_id", int)
    db.table("unanswered_questions").create_index(["decision_id"])


@migrations()
def m009_signatures(db: Database) -> None:
    """How each manager signs the letters the bot drafts (name, title, team, phone, company)."""
    db.table("signatures").create(
        {
            "user_id": int,
            "name": str,
            "title": str,
            "team": str,
            "phone": str,
            "company": str,
            "updated_at": str,
        },
        pk="user_id",
        not_null={"name", "updated_at"},
    )


@migrations()
def m010_practice(db: Database) -> None:
    """每日一练: each user's Leitner box per norm, rounds with their answers, sections a team
    lead assigned, and staff skill levels (四级 … 一级)."""
    db.table("practice_progress").create(
        {
            "user_id": int,
            "norm_id": str,
            "box": int,
            "due_on": str,  # local date, ISO
            "right_count": int,
            "wrong_count": int,
            "updated_at": str,
        },
        pk=("user_id", "norm_id"),
        not_null={"box", "due_on", "right_count", "wrong_count", "updated_at"},
    )
    db.table("practice_rounds").create(
        {
            "id": int,
            "user_id": int,
            "day": str,  # local date, ISO
            "daily": int,  # 1: the day's pushed round
            "focus": str,
            "question_keys": str,  # JSON list
            "started_at": str,
            "finished_at": str,
        },
        pk="id",
        not_null={"user_id", "day", "daily", "question_keys", "started_at"},
    )
    db.table("practice_rounds").create_index(["user_id", "day"])
    db.table("practice_answers").create(
        {
            "round_id": int,
            "position": int,
            "question_key": str,
            "chosen": int,
            "right": int,
            "answered_at": str,
        },
        pk=("round_id", "position"),
        not_null={"question_key", "chosen", "right", "answered_at"},
        foreign_keys=[("round_id", "practice_rounds", "id")],
    )
    db.table("practice_assignments").create(
        {
            "id": int,
            "team": str,
            "focus": str,  # a section number, e.g. 1.2.7
            "assigned_by": int,
            "assigned_at": str,
            "ended_at": str,
        },
        pk="id",
        not_null={"team", "focus", "assigned_by", "assigned_at"},
    )
    db.table("staff_levels").create(
        {"user_id": int, "level": str, "set_by": int, "set_at": str},
        pk="user_id",
        not_null={"level", "set_by", "set_at"},
    )


@migrations()
def m011_practice_time(db: Database) -> None:
    """When each user's 每日一练 comes ('HH:MM'; 'off' for none; null: the default)."""
    db.table("user_settings").add_column("practice_at", str)
