"""How records' coded values and profile fields are named to users, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import (
    COMPANIONS_ALONE,
    COMPANIONS_PROJECT_GROUP,
    KIND_COMMITMENT,
    KIND_REQUEST,
    WAY_ONSITE,
    WAY_PHONE,
)

WAY_LABELS = {WAY_PHONE: "电话拜访", WAY_ONSITE: "上门拜访"}
# The material's stages of a customer relationship (拜访客户规范—拜访准备).
STAGE_LABELS = {
    "contact": "一般性接触",
    "relationship": "建立关系",
    "substance": "了解实质性内容",
    "partnership": "建立长期合作关系",
}
COMPANION_LABELS = {COMPANIONS_ALONE: "独自拜访", COMPANIONS_PROJECT_GROUP: "与项目组共同拜访"}
KIND_LABELS = {KIND_REQUEST: "客户要求", KIND_COMMITMENT: "我方承诺"}


@dataclass(frozen=True)
class ProfileField:
    key: str  # the column update_profile takes
    label: str
    limit: int  # characters
    example: str


# In the order the view and the edit menu show them: who the customer is, whom to talk to,
# then the five kinds of information of norm 1.2.3-01.
TEXT_FIELDS = (
    ProfileField("industry", "行业", 50, "政府机关、制造业、金融"),
    ProfileField("contacts", "联系人", 300, "信息中心张主任 13800000000；采购部李科长"),
    ProfileField("finance_info", "财务信息", 500, "年营收约5亿元，通信费用预算每年80万"),
    ProfileField("production_info", "生产信息", 500, "两个生产基地，24小时三班倒"),
    ProfileField("sales_info", "销售信息", 500, "全国30个销售网点，旺季在四季度"),
    ProfileField("management_info", "管理资源信息", 500, "信息化由信息中心统一管理，采购走招标"),
    ProfileField("market_info", "行业和产品等市场信息", 500, "行业正推进数字化转型，主推智能制造"),
)
CADENCE_LABEL = "拜访周期"


def cadence_text(days: int) -> str:
    """'每30天' — how the view and the card say a cadence."""
    return f"每{days}天"
