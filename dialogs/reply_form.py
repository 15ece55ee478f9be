"""起草答复 — the written reply to a customer's letter (norm 1.2.2-01): the points the letter
raised, one per message, each with how it stands; the draft phrases each as the reply norms
require (1.2.2-02 … 1.2.2-05)."""

from __future__ import annotations

from dialogs.engine import Accepted, Choice, Form, FormEnv, Parsed, Rejected, Saved, Step, Values
from paperwork.word import word_file
from paperwork.written_reply import STATUS_LABELS, STATUSES, ReplyPoint, draft_written_reply
from timekeeping.zone import local_date
from views.button_data import LetterDone
from views.common import Button
from views.drafts import REPLY_HEAD, draft_reply

POINT_LIMIT = 200
POINTS_LIMIT = 10
ANSWERED_BUTTON = "已书面答复"


def _points(values: Values) -> list[dict[str, str]]:
    return list(values.get("points") or [])


def _points_prompt(values: Values, env: FormEnv) -> str:
    points = _points(values)
    if not points:
        return "来函提了哪些事项？请一条一条发来（每次一条），例如：希望把专线带宽升到1G。"
    listed = "\n".join(
        f"{index}. {point['text']}（{STATUS_LABELS[point['status']]}）"
        for index, point in enumerate(points, 1)
    )
    return f"已记录：\n{listed}\n还有吗？发下一条，或点“完成，起草答复”。"


def _point_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    if len(_points(values)) >= POINTS_LIMIT:
        return Rejected(f"一次最多{POINTS_LIMIT}条。")
    if len(text) > POINT_LIMIT:
        return Rejected(f"一条最多{POINT_LIMIT}字，现在是{len(text)}字，请精简。")
    return Accepted({"point_text": text}, next_key="point_status")


def _points_choices(values: Values, env: FormEnv) -> list[Choice]:
    return [Choice("删除最后一条", "drop_last")] if _points(values) else []


def _points_from_choice(value: str, values: Values, env: FormEnv) -> Parsed:
    if value == "drop_last":
        return Accepted(
            {"points": _points(values)[:-1]}, note="已删除最后一条。", next_key="points"
        )
    return Rejected("这个选项已失效，请重新选择。")


def _status_from_choice(value: str, values: Values, env: FormEnv) -> Parsed:
    if value not in STATUSES or not values.get("point_text"):
        return Rejected("这个选项已失效，请重新选择。")
    point = {"text": values["point_text"], "status": value}
    return Accepted(
        {"points": [*_points(values), point], "point_text": None},
        note=f"已添加：{point['text']}（{STATUS_LABELS[value]}）",
        next_key="points",
    )


def _points_shown(values: Values, env: FormEnv) -> str | None:
    points = _points(values)
    return "；".join(f"{p['text']}（{STATUS_LABELS[p['status']]}）" for p in points) or None


def _save(values: Values, env: FormEnv) -> Saved:
    points = _points(values)
    if not points:
        return Saved(error="请至少写一条来函提出的事项。")
    letter = env.records.letters.get(int(values["letter_id"]))
    customer = env.records.customers.get(letter.customer_id) if letter else None
    signature = env.records.signature.get()
    if letter is None or customer is None or signature is None:
        return Saved(error="这封来函已不存在或已移交，无法起草。请发送 /letter 查看。")
    titles = {norm.id: norm.title for norm in env.knowledge.kb.norms}
    draft = draft_written_reply(
        letter,
        customer,
        [ReplyPoint(p["text"], p["status"]) for p in points],  # type: ignore[arg-type]
        signature,
        local_date(env.now),
        titles,
    )
    buttons = ((Button(ANSWERED_BUTTON, LetterDone(letter.id).pack()),),)
    return Saved((draft_reply(REPLY_HEAD, draft, word_file(draft), buttons),))


REPLY_FORM = Form(
    name="reply",
    title="起草书面答复",
    save=_save,
    steps=(
        Step(
            key="points",
            label="来函事项",
            prompt=_points_prompt,
            on_text=_point_from_text,
            choices=_points_choices,
            on_choice=_points_from_choice,
            shown=_points_shown,
            optional=True,
            skip_updates={},
            skip_label="完成，起草答复",
        ),
        Step(
            key="point_status",
            label="办理情况",
            prompt="这一条怎么答复？",
            choices=[Choice(STATUS_LABELS[status], status) for status in STATUSES],
            on_choice=_status_from_choice,
            in_summary=False,
        ),
    ),
)
