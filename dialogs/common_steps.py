"""Steps and step pieces that several forms share: the customer, the way of visiting, notes."""

from __future__ import annotations

from collections.abc import Callable

from dialogs.engine import Accepted, Choice, FormEnv, Offer, Parsed, Rejected, Step, Values
from fieldwork.customer_match import rank_customers, sure_match
from fieldwork.labels import WAY_LABELS
from paperwork.compliance import cautions_for
from storage.models import WAY_ONSITE, WAY_PHONE
from textinput.normalization import has_words
from views.drafts import caution_line

NAME_LIMIT = 60
MAX_CANDIDATES = 3
NEW_CUSTOMER = "new"

_WAY_WORDS = {WAY_PHONE: ("电话",), WAY_ONSITE: ("上门", "现场", "当面", "面谈", "拜访")}


# -- customer ------------------------------------------------------------------------------


def customer_shown(values: Values, env: FormEnv) -> str | None:
    name = values.get("customer_name")
    if not name:
        return None
    return name if values.get("customer_id") else f"{name}（新客户，保存时建立）"


def _customer_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    typed = " ".join(text.split())
    if not has_words(typed):
        return Rejected("客户名称要有文字或数字，例如：华为技术有限公司。")
    if len(typed) > NAME_LIMIT:
        return Rejected(f"客户名称太长，请控制在{NAME_LIMIT}字以内。")
    ranked = rank_customers(typed, env.records.customers.names())
    sure = sure_match(ranked)
    if sure is not None:
        return Accepted(
            {"customer_id": sure.customer_id, "customer_name": sure.name},
            note=f"客户：{sure.name}",
        )
    choices = [Choice(match.name, f"c{match.customer_id}") for match in ranked[:MAX_CANDIDATES]]
    choices.append(Choice(f"新客户：{typed}", NEW_CUSTOMER))
    if ranked:
        text_ = f"您指的是哪一位客户？没有的话可以新建“{typed}”，或直接重新输入名称。"
    else:
        text_ = f"您的客户中没有“{typed}”。新建这个客户吗？也可以直接重新输入名称。"
    return Offer(text_, tuple(choices), pending={"typed_name": typed})


def _customer_from_choice(value: str, values: Values, env: FormEnv) -> Parsed:
    if value == NEW_CUSTOMER:
        name = values.get("typed_name")
        if not name:
            return Rejected("请重新输入客户名称。")
        existing = env.records.customers.by_name(name)
        if existing is not None:
            return Accepted({"customer_id": existing.id, "customer_name": existing.name})
        return Accepted(
            {"customer_id": None, "customer_name": name}, note=f"客户：{name}（新客户）"
        )
    if value.startswith("c") and value[1:].isdigit():
        customer = env.records.customers.get(int(value[1:]))
        if customer is not None:
            return Accepted(
                {"customer_id": customer.id, "customer_name": customer.name},
                note=f"客户：{customer.name}",
            )
    return Rejected("没有找到这个客户，请重新输入名称。")


def _recent_customers(values: Values, env: FormEnv) -> list[Choice]:
    """The customers of the latest visits, as one-tap buttons."""
    seen: dict[int, str] = {}
    for visit in env.records.visits.recent(limit=20):
        if visit.customer_id not in seen:
            customer = env.records.customers.get(visit.customer_id)
            if customer is not None:
                seen[customer.id] = customer.name
        if len(seen) == MAX_CANDIDATES:
            break
    return [Choice(name, f"c{customer_id}") for customer_id, name in seen.items()]


def customer_step(prompt: str = "是哪个客户？请输入客户名称（可以只输入简称）。") -> Step:
    return Step(
        key="customer",
        label="客户",
        prompt=prompt,
        on_text=_customer_from_text,
        choices=_recent_customers,
        on_choice=_customer_from_choice,
        shown=customer_shown,
    )


# -- way of visiting -----------------------------------------------------------------------


def _way_from_text(text: str, values: Values, env: FormEnv) -> Parsed:
    for way, words in _WAY_WORDS.items():
        if any(word in text for word in words):
            return Accepted({"way": way}, note=f"方式：{WAY_LABELS[way]}")
    return Rejected("请选择“电话拜访”或“上门拜访”。")


def way_step(prompt: str) -> Step:
    return Step(
        key="way",
        label="方式",
        prompt=prompt,
        on_text=_way_from_text,
        choices=tuple(Choice(label, way) for way, label in WAY_LABELS.items()),
        shown=lambda values, env: WAY_LABELS.get(values.get("way") or ""),
    )


# -- free text -----------------------------------------------------------------------------


def text_step(
    key: str,
    label: str,
    prompt: str,
    *,
    optional: bool = False,
    limit: int = 500,
    cautions: bool = False,
) -> Step:
    """A step whose answer is a note in the user's words, stored as typed. With `cautions`, a
    note that reads as something the norms caution against gets one line about it (see
    with_cautions)."""
    return Step(
        key=key,
        label=label,
        prompt=_with_current(key, prompt),
        on_text=_note_parser(key, label, limit, cautions),
        optional=optional,
    )


CAUTIONED_KEY = "cautioned"  # in the values: the norms a caution was given for in this dialog


def with_cautions(accepted: Accepted, text: str, values: Values, env: FormEnv) -> Accepted:
    """The step's answer as accepted, with one short line per caution the note calls for —
    the norm in its own words and its 出处 — each at most once per dialog. It never rejects
    and never changes what was typed (paperwork/compliance.py)."""
    given = list(values.get(CAUTIONED_KEY) or [])
    lines = []
    for caution in cautions_for(text):
        norm = env.knowledge.kb.norm(caution.norm_id)
        if norm is None or caution.norm_id in given:
            continue
        given.append(caution.norm_id)
        lines.append(caution_line(caution.quote, norm))
    if not lines:
        return accepted
    note = "\n".join([*([accepted.note] if accepted.note else []), *lines])
    updates = {**accepted.updates, CAUTIONED_KEY: given}
    return Accepted(updates, note=note, next_key=accepted.next_key)


def _with_current(key: str, prompt: str) -> Callable[[Values, FormEnv], str]:
    """The question, and the answer given before in full when there is one (back at the step,
    or picked to edit from the summary card, which may show long answers shortened)."""

    def ask(values: Values, env: FormEnv) -> str:
        current = values.get(key)
        return f"{prompt}\n当前：{current}" if current else prompt

    return ask


def _note_parser(
    key: str, label: str, limit: int, cautions: bool
) -> Callable[[str, Values, FormEnv], Parsed]:
    def parse(text: str, values: Values, env: FormEnv) -> Parsed:
        if len(text) > limit:
            return Rejected(f"{label}最多{limit}字，现在是{len(text)}字，请精简后重新发送。")
        accepted = Accepted({key: text})
        return with_cautions(accepted, text, values, env) if cautions else accepted

    return parse
