"""落款 — how the letters the bot drafts are signed: name, title, team, phone, company. Asked for
the first time a letter is drafted, and changed from /settings."""

from __future__ import annotations

from dialogs.common_steps import text_step
from dialogs.engine import Form, FormEnv, Saved, Values
from storage.signatures import Signature
from views.button_data import DraftButton
from views.common import Button, Reply
from views.drafts import CONTINUE_DRAFTING, SIGNATURE_SAVED

THEN_KEY = "then"  # the draft button to offer once the signature is saved (packed data)


def _save(values: Values, env: FormEnv) -> Saved:
    signature = Signature(
        name=values["name"],
        title=values.get("title"),
        team=values.get("team"),
        phone=values.get("phone"),
        company=values.get("company"),
    )
    env.records.signature.save(signature)
    lines = [SIGNATURE_SAVED, "", *signature.lines()]
    then = values.get(THEN_KEY)
    parsed = DraftButton.parse(then) if isinstance(then, str) else None
    buttons = ((Button(CONTINUE_DRAFTING, parsed.pack()),),) if parsed is not None else ()
    return Saved((Reply("\n".join(lines), buttons),))


SIGNATURE_FORM = Form(
    name="signature",
    title="设置落款",
    save=_save,
    steps=(
        text_step("name", "姓名", "落款用的姓名？", limit=20),
        text_step(
            "title", "职务", "职务？例如：客户经理。没有就 /skip。", optional=True, limit=20
        ),
        text_step("team", "部门", "部门或团队？例如：政企客户部一组。", optional=True, limit=30),
        text_step("phone", "电话", "联系电话？没有就 /skip。", optional=True, limit=30),
        text_step(
            "company", "公司", "公司名称？例如：中国电信××分公司。", optional=True, limit=40
        ),
    ),
)
