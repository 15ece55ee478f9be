"""The compliance notes: what reads as one of the four cautions gets it, innocent notes about the
same topics get none. (These examples were written with the detector; the independent set that
measures it is bench/eval/compliance_notes.yaml, scored by `python -m bench.compliance`.)"""

from __future__ import annotations

import pytest

from knowledge.service import Knowledge
from knowledge.textnorm import canon
from paperwork.compliance import (
    CAUTIONS,
    COMPETITOR_INFO,
    DATA_OUTSIDE,
    DISPARAGE,
    OVER_PROMISE,
    cautions_for,
)


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("中午和联通的老同学吃饭，他透露了他们这次的投标报价", COMPETITOR_INFO),
        ("移动那边的朋友告诉我他们给教育局打了六折", COMPETITOR_INFO),
        ("想办法打听移动的底价", COMPETITOR_INFO),
        ("把客户通讯录发给了代理商小王", DATA_OUTSIDE),
        ("资费表拍照给了集成商的人，协议回头再补", DATA_OUTSIDE),
        ("方案先给了设计院，还没签保密协议", DATA_OUTSIDE),
        ("跟王总拍胸脯保证下周一定开通", OVER_PROMISE),
        ("我做主给他免三个月月租", OVER_PROMISE),
        ("答应客户打八折", OVER_PROMISE),
        ("价格肯定没问题，包在我身上", OVER_PROMISE),
        ("跟客户说联通的网络老掉线，别选他们", DISPARAGE),
        ("提醒客户移动售后很差", DISPARAGE),
    ],
)
def test_a_risky_note_gets_its_caution(note: str, kind: str) -> None:
    assert [caution.kind for caution in cautions_for(note)] == [kind]


@pytest.mark.parametrize(
    "note",
    [
        "客户说移动也来报过价，比我们低一点",
        "客户在比较联通的方案",
        "客户觉得电信的网络稳定",
        "客户抱怨联通的售后差",
        "签了保密协议后把方案发给了设计院",
        "按公司规定把产品手册给了客户",
        "官网上的资费表发给了客户的采购",
        "承诺明天下午把产品手册发给客户",
        "答应内部商定后两个工作日内书面答复",
        "客户要求降价，我说需要请示领导，争取给个优惠",
        "我们强调了自己的网络质量和服务优势",
        "下周二带方案再上门",
        "已按规定完成开通，客户满意",
        "了解到客户明年预算增加三成",
        "客户的IT主管会参加下次meeting",
    ],
)
def test_an_innocent_note_gets_nothing(note: str) -> None:
    assert cautions_for(note) == []


def test_each_caution_quotes_its_norm_verbatim(knowledge: Knowledge) -> None:
    for caution in CAUTIONS.values():
        norm = knowledge.kb.norm(caution.norm_id)
        assert norm is not None
        assert canon(caution.quote) in canon(norm.text)


def test_two_cautions_in_one_note_come_in_a_fixed_order() -> None:
    note = "跟客户说移动服务差；我做主给他免一个月"
    assert [caution.kind for caution in cautions_for(note)] == [OVER_PROMISE, DISPARAGE]
    assert DATA_OUTSIDE not in [caution.kind for caution in cautions_for(note)]
