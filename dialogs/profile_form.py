"""编辑客户资料 — the profile-editing dialog: pick a field, type its new value, repeat, save.

The material asks the manager to collect the customer's 财务信息、生产信息、销售信息、
管理资源信息、行业和产品等市场信息 (norm 1.2.3-01) and to keep the customer view true,
complete and continuous (1.2.3-02); saving goes through update_profile, which puts every
change in the audit trail.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dialogs import engine
from dialogs.engine import (
    Accepted,
    Choice,
    Form,
    FormEnv,
    Parsed,
    Rejected,
    Saved,
    Step,
    Turn,
    Values,
)
from fieldwork.labels import CADENCE_LABEL, TEXT_FIELDS, ProfileField, cadence_text
from storage.models import Customer
from timekeeping.numerals import NUMBER, read_whole_number
from views.button_data import CustomerCard
from views.common import Button, Reply, source_line

CADENCE_KEY = "visit_cadence_days"
CADENCE_LIMIT = 365
SUMMARY_PREVIEW = 120  # a value on the summary card
CLEAR = "clear"
KEEP = "keep"


PROFILE_LABELS = {field.key: field.label for field in TEXT_FIELDS} | {CADENCE_KEY: CADENCE_LABEL}
CADENCE_CHOICES = {"7": "每周", "14": "每两周", "30": "每月", "90": "每季度"}

_CADENCE = re.compile(
    rf"^(?:每|隔)?(?P<count>{NUMBER})?个?(?P<unit>天|日|周|星期|礼拜|月|季度?)(?:一次|1次)?$"
)
_UNIT_DAYS = {"天": 1, "日": 1, "周": 7, "星期": 7, "礼拜": 7, "月": 30, "季": 90, "季度": 90}


def read_cadence(text: str) -> int | None:
    """Days between visits from '30', '30天', '两周', '每月', '每季度'; None if unreadable."""
    compact = "".join(text.split())
    if compact.isdigit():
        return int(compact)
    match = _CADENCE.match(compact)
    if match is None:
        return None
    count = read_whole_number(match["count"]) if match["count"] else 1
    if count is None:
        return None
    return count * _UNIT_DAYS[match["unit"]]


def _preview(text: str | None, limit: int) -> str | None:
    if not text:
        return None
    return text if len(text) <= limit else f"{text[: limit - 1]}…（共{len(text)}字）"


def _changed(values: Values, key: str) -> bool:
    return values.get(key) != (values.get("original") or {}).get(key)


def _shown(key: str) -> Callable[[Values, FormEnv], str | None]:
    def shown(values: Values, env: FormEnv) -> str | None:
        value = values.get(key)
        text = (
            cadence_text(value)
            if key == CADENCE_KEY and value
            else _preview(value, SUMMARY_PREVIEW)
        )
        mark = "（已修改）" if _changed(values, key) else ""
        return f"{text or '未填写'}{mark}"

    return shown


# -- text fields ---------------------------------------------------------------------------


def _text_prompt(field: ProfileField) -> Callable[[Values, FormEnv], str]:
    def prompt(values: Values, env: FormEnv) -> str:
        # Whole (at most the field's limit): the summary card shows long values shortened.
        current = _preview(values.get(field.key), field.limit) or "未填写"
        return (
            f"请输入「{values['customer_name']}」新的{field.label}（{field.limit}字以内），"
            f"例如：{field.example}\n当前：{current}"
        )

    return prompt


def _text_parser(field: ProfileField) -> Callable[[str, Values, FormEnv], Parsed]:
    def parse(text: str, values: Values, env: FormEnv) -> Parsed:
        if len(text) > field.limit:
            return Rejected(
                f"{field.label}最多{field.limit}字，现在是{len(text)}字，请精简后重新发送。"
            )
        return Accepted({field.key: text}, note=f"{field.label}：已改为新内容（尚未保存）")

    return parse


def _field_choice(key: str, label: str) -> Callable[[str, Values, FormEnv], Parsed]:
    def choose(value: str, values: Values, env: FormEnv) -> Parsed:
        if value == KEEP:
            return Accepted({}, note=f"{label}：未修改")
        if value == CLEAR and key != CADENCE_KEY:
            return Accepted({key: None}, note=f"{label}：已清空（尚未保存）")
        if key == CADENCE_KEY and value in CADENCE_CHOICES:
            return _accept_cadence(int(value))
        return Rejected("这个选项已失效，请重新选择。")

    return choose


def _text_step(field: ProfileField) -> Step:
    return Step(
        key=field.key,
        label=field.label,
        prompt=_text_prompt(field),
        on_text=_text_parser(field),
        choices=(Choice("保持不变", KEEP), Choice("清空这一项", CLEAR)),
        on_choice=_field_choice(field.key, field.label),
        shown=_shown(field.key),
    )


# -- visit cadence -------------------------------------------------------------------------


def _accept_cadence(days: int) -> Parsed:
    if not 1 <= days <= CADENCE_LIMIT:
        return Rejected(f"拜访周期请设在1到{CADENCE_LIMIT}天之间。")
    return Accepted({CADENCE_KEY: days}, note=f"{CADENCE_LABEL}：{cadence_text(days)}（尚未保存）")


def _cadence_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    days = read_cadence(text)
    if days is None:
        return Rejected("没看懂拜访周期。请写天数，例如：30、两周、每月。")
    return _accept_cadence(days)


def _cadence_prompt(values: Values, env: FormEnv) -> str:
    current = values.get(CADENCE_KEY)
    return (
        f"多久拜访「{values['customer_name']}」一次？点按钮，或写天数，例如：30、两周、每月。"
        "（定期拜访客户，维系良好关系；超过周期没有拜访，客户视图会提醒）\n"
        f"当前：{cadence_text(current) if current else '未设置'}"
    )


CADENCE_STEP = Step(
    key=CADENCE_KEY,
    label=CADENCE_LABEL,
    prompt=_cadence_prompt,
    on_text=_cadence_from_text,
    choices=(
        *(Choice(label, days) for days, label in CADENCE_CHOICES.items()),
        Choice("保持不变", KEEP),
    ),
    on_choice=_field_choice(CADENCE_KEY, CADENCE_LABEL),
    shown=_shown(CADENCE_KEY),
)


# -- saving --------------------------------------------------------------------------------


def profile_changes(values: Values) -> dict[str, str | int | None]:
    """The fields whose value differs from what was on file when the dialog began."""
    changes: dict[str, str | int | None] = {}
    for key in PROFILE_LABELS:
        if _changed(values, key):
            changes[key] = values.get(key)
    return changes


def _save(values: Values, env: FormEnv) -> Saved:
    changes = profile_changes(values)
    view = Button("查看客户视图", CustomerCard(values["customer_id"]).pack())
    if not changes:
        return Saved((Reply("资料没有改动，不需要保存。", ((view,),)),))
    try:
        saved = env.records.customers.update_profile(values["customer_id"], **changes)
    except ValueError:
        return Saved(error="有一项内容不符合要求，请修改后再保存。")
    if saved is None:
        return Saved((Reply("没有找到这个客户（可能不在您的客户名单中），资料没有保存。"),))
    labels = "、".join(PROFILE_LABELS[key] for key in changes)
    text = (
        f"✅ 已保存「{saved.name}」的资料：{labels}。\n"
        "每次修改都会留下记录（修改人、时间、修改前后的内容）。"
    )
    return Saved((Reply(text, ((view,),)),))


PROFILE_FORM = Form(
    name="profile",
    title="编辑客户资料",
    save=_save,
    steps=(*(_text_step(field) for field in TEXT_FIELDS), CADENCE_STEP),
)


def begin_editing(customer: Customer, env: FormEnv) -> Turn:
    """The dialog for one customer, opened at the field menu (the card is a tap away).

    Every field comes prefilled with what is on file, so the engine treats the dialog as
    complete from the start: each pick-and-type returns to the summary card.
    """
    on_file = {key: getattr(customer, key) for key in PROFILE_LABELS}
    prefill = {
        **on_file,
        "customer_id": customer.id,
        "customer_name": customer.name,
        "original": on_file,
    }
    turn = engine.begin(PROFILE_FORM, env, prefill=prefill)
    assert turn.session is not None
    turn = engine.on_choice(
        PROFILE_FORM, turn.session, str(turn.session["nonce"]), engine.EDIT, env
    )
    norm = env.knowledge.kb.norm("1.2.3-02")
    head = [
        f"编辑「{customer.name}」的资料。请如实填写：客户视图要保证真实性、完整性和连续性。",
        *([source_line(norm)] if norm is not None else []),
        "",
    ]
    menu = turn.replies[-1]
    return Turn(turn.session, (Reply("\n".join([*head, menu.text]), menu.buttons),))
