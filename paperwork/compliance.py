"""Compliance notes while a visit is logged: a field note that reads as something the norms
caution against gets one short line — the norm in the material's words and its 出处 — and the
dialog goes on. It never blocks and never changes what was typed.

Four cautions, each a pattern of what such a note says, not single keywords (a false alarm on
innocent text is worse than none):
- competitor_info (1.2.6-03): learning competitors' unpublished prices or plans from their side;
- data_outside (1.2.5-03): handing our or the customer's materials to people outside the company
  without an agreement or approval;
- over_promise (1.2.2-02): promising outright what is not certain or not ours to decide;
- disparage (1.2.6-05): running a competitor down to the customer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

COMPETITOR_INFO: Final = "competitor_info"
DATA_OUTSIDE: Final = "data_outside"
OVER_PROMISE: Final = "over_promise"
DISPARAGE: Final = "disparage"
KINDS = (COMPETITOR_INFO, DATA_OUTSIDE, OVER_PROMISE, DISPARAGE)


@dataclass(frozen=True)
class Caution:
    kind: str
    norm_id: str
    quote: str  # the norm's own words, verbatim in its text


CAUTIONS = {
    COMPETITOR_INFO: Caution(
        COMPETITOR_INFO, "1.2.6-03", "客户经理不得以非法形式取得竞争对手未经公开的资料。"
    ),
    DATA_OUTSIDE: Caution(
        DATA_OUTSIDE,
        "1.2.5-03",
        "应遵从企业资料披露规定，不得擅自将职责内的资料透露给本单位以外人员",
    ),
    OVER_PROMISE: Caution(
        OVER_PROMISE,
        "1.2.2-02",
        "对于没有把握回答客户的问题，绝对不能当场承诺，但也不能简单地说“不”。",
    ),
    DISPARAGE: Caution(
        DISPARAGE,
        "1.2.6-05",
        "避免对竞争对手进行不公正或贬低性及违反职业道德的评论",
    ),
}

_COMPETITOR = (
    r"(?:移动|联通|广电|铁塔|竞争对手|竞争方|对手|友商|同行|竞品|别家|其他运营商|另一家运营商)"
)
_THEIR_SIDE = (
    rf"{_COMPETITOR}(?:公司|那边|那里|方面|内部)?的?(?:朋友|熟人|老同学|同学|老乡|前同事|人|员工|"
    r"经理|销售|客户经理|老[\u4e00-\u9fff]|小[\u4e00-\u9fff])"
)
_LEARNED_FROM = (
    r"(?:透露|打听|套出|套到|问出|问到|聊到|聊了|聊起|告诉我|说了|给我看|拿到|搞到|偷偷)"
)
_SECRET = (
    r"(?:底价|报价|折扣|[一二三四五六七八九\d]折|价格|投标价|标价|成本|优惠政策|政策|方案|计划|打法|"
    r"标书|内部|未公开|没公开|"
    r"资费)"
)
_COMPETITOR_INFO = [
    re.compile(rf"{_THEIR_SIDE}.{{0,12}}{_LEARNED_FROM}.{{0,16}}{_SECRET}"),
    re.compile(rf"(?:和|跟|与){_THEIR_SIDE}.{{0,12}}(?:吃饭|喝酒|聊|打听|交流).{{0,16}}{_SECRET}"),
    re.compile(rf"(?:打听|套出|套到|搞到|弄到|拿到){_COMPETITOR}.{{0,10}}{_SECRET}"),
    re.compile(rf"{_COMPETITOR}.{{0,6}}(?:内部|未公开|没公开|还没公布).{{0,8}}{_SECRET}"),
]

_GAVE = (
    r"(?:发给了?|给了|提供给|透露给|转给|转发给|拍照给|拍给|传给|拷给|共享给|分享给|交给|寄给|"
    r"递给)"
)
_OUTSIDER = (
    r"(?:代理商|代理|合作伙伴|合作方|第三方|外部|外面的|朋友|设计院|集成商|供应商|媒体|记者|同行|"
    r"对方|竞争对手|友商|中介|渠道商|外包|分包|私人)"
)
_MATERIALS = (
    r"(?:资料|数据|名单|清单|报价单|资费表|价格表|合同|方案|表格|文件|客户信息|通讯录|联系方式|"
    r"号码|底单|账单|内部)"
)
_SAFEGUARD = re.compile(
    r"(?:签了|签订了|已签|按规定|按公司规定|经批准|经审批|批准后|审批后|领导同意|授权|公开资料|"
    r"官网|宣传册|公开的)"
)
_SAFEGUARD_LATER = re.compile(r"(?:回头|之后|以后|后面|再)补|还没签|没签|先给")
_DATA_OUTSIDE = [
    re.compile(rf"{_MATERIALS}.{{0,12}}{_GAVE}.{{0,6}}{_OUTSIDER}"),
    re.compile(rf"{_GAVE}.{{0,6}}{_OUTSIDER}.{{0,16}}{_MATERIALS}"),
    re.compile(rf"把.{{0,16}}{_MATERIALS}.{{0,12}}{_GAVE}.{{0,8}}{_OUTSIDER}"),
]

_SURELY = (
    r"(?:保证|包你|包他|包客户|打包票|拍胸脯|拍着胸脯|肯定没问题|绝对没问题|一定没问题|没问题的|"
    r"肯定能|一定能|绝对能|肯定可以|一定可以|绝对可以|我做主|我说了算|我来搞定|包在我身上)"
)
_WHAT = (
    r"(?:免费|免|降价|打折|折扣|优惠|便宜|开通|交付|到位|搞定|批下来|批|价格|减免|送|赠|上线|"
    r"装好|完成|办好|下来)"
)
_CONDITIONAL = re.compile(
    r"(?:内部商定|商定后|请示|汇报后|向领导汇报|领导同意后|审批后|评估后|确认后|核实后|争取|尽量|"
    r"尽力|不敢保证|不能保证|没有承诺|未承诺|没答应|没有答应|不承诺|视情况|如果)"
)
_OVER_PROMISE = [
    re.compile(rf"{_SURELY}.{{0,16}}{_WHAT}"),
    re.compile(rf"{_WHAT}.{{0,10}}{_SURELY}"),
    re.compile(
        r"(?:答应|承诺|保证)(?:了)?(?:客户|他们|对方)?.{0,12}(?:免费|免掉|免\d|免[一二三四五六]|"
        r"打[五六七八九]折|降到|降价|送|减免)"
    ),
]

_TOLD_CUSTOMER = (
    r"(?:跟|对|向|给)(?:客户|他们|对方|领导|[\u4e00-\u9fff]总)(?:说|讲|提|强调|暗示|透露|分析|吐槽)"
    r"|提醒(?:客户|他们|对方)|劝(?:客户|他们|对方)|告诉(?:客户|他们|对方)|我(?:说|讲|提到)|我们(?:说|讲)"
)
_RUN_DOWN = (
    r"(?:差|烂|垃圾|不行|不靠谱|靠不住|掉线|老断|不稳定|服务不好|服务差|售后差|很坑|坑人|骗|忽悠|"
    r"质量不好|信号不好|比不上|不如我们|别选|不要选|别用|不要用|小心|要倒闭|不专业|乱收费|黑)"
)
_DISPARAGE = [
    re.compile(rf"(?:{_TOLD_CUSTOMER}).{{0,12}}{_COMPETITOR}.{{0,14}}{_RUN_DOWN}"),
    re.compile(rf"(?:{_TOLD_CUSTOMER}).{{0,6}}{_RUN_DOWN}.{{0,6}}{_COMPETITOR}"),
]

_REPORTED = re.compile(
    r"^(?:客户|对方|他们|[\u4e00-\u9fff]总|领导)(?:说|讲|反映|抱怨|提到|认为|觉得)"
)


def cautions_for(text: str) -> list[Caution]:
    """The cautions a field note calls for, in the order of KINDS; none for most notes."""
    found = []
    for clause in re.split(r"[。；;！!？?\n]+", text):
        clause = clause.strip()
        if not clause:
            continue
        if any(p.search(clause) for p in _COMPETITOR_INFO) and not _REPORTED.match(clause):
            found.append(COMPETITOR_INFO)
        if any(p.search(clause) for p in _DATA_OUTSIDE) and (
            not _SAFEGUARD.search(clause) or _SAFEGUARD_LATER.search(clause)
        ):
            found.append(DATA_OUTSIDE)
        if any(p.search(clause) for p in _OVER_PROMISE) and not _CONDITIONAL.search(clause):
            found.append(OVER_PROMISE)
        if any(p.search(clause) for p in _DISPARAGE):
            found.append(DISPARAGE)
    return [CAUTIONS[kind] for kind in KINDS if kind in found]
