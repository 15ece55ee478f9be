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
    r"(?:移动|联通|广电|铁塔|竞争对手|竞争方|对手|友商|同行|竞品|别家|其他运营商|另一家运营商|"
    r"那家小公司)"
)
# Someone of the competitor's side, and what they let out.
_THEIR_SIDE = (
    rf"{_COMPETITOR}.{{0,8}}(?:朋友|熟人|同学|老乡|前同事|前员工|员工|经理|销售|总监|渠道|代理商|"
    r"售前|的人|人员|内部)|(?:跳过来|跳槽)"
)
_LET_OUT = (
    r"(?:透露|透给|说漏|漏了|漏嘴|漏底|交底|交了底|对了下?口径|私下说|私下讲|告诉我|给我看|"
    r"发了|转我|导一份|导出|拿到|搞到|弄到|聊起来|说好)"
)
_GETTING = (
    r"(?:打听|探探|问问他们|问了下他们|要一份他们|套出|套到|套一下|套他|摸清|摸底|探底|偷偷|"
    r"录音|录了音|冒充|拍下|截图)"
)
_NOT_PUBLIC = (
    r"(?:还没官宣|还没公示|未公示|没公示|还没公布|未公布|没公布|还没下|还没发文|才发文|别外传|"
    r"先别往外说|商业秘密|保密|内部群|内部的|内部朋友|开标前|未公开|没公开|底价|底线)"
)
_COLLUSION = (
    r"(?:谁也别|对一下口径|他也说了他们的|都不低于|别砸价|先别给.{0,8}降价|互相交|统一口径|"
    r"对了下?口径)"
)
_PRICE_TALK = (
    r"(?:价|折|成本|毛利|政策|方案|补贴|打分|清单|合同|免月租|降|涨|商机|截图|佣金|资费|免费|"
    r"报多少)"
)
_COMPETITOR_INFO = [
    re.compile(rf"(?:{_THEIR_SIDE}).{{0,24}}{_LET_OUT}"),
    re.compile(rf"{_GETTING}.{{0,20}}(?:{_COMPETITOR}|{_PRICE_TALK})"),
    re.compile(rf"{_COMPETITOR}.{{0,30}}{_NOT_PUBLIC}"),
    re.compile(rf"{_NOT_PUBLIC}.{{0,30}}{_COMPETITOR}"),
    re.compile(rf"{_COMPETITOR}.{{0,24}}{_COLLUSION}"),
    re.compile(r"(?:评标专家|评委|招标办).{0,20}(?:透|报价|打分|看了)"),
    # one of theirs telling us what they will charge or do next
    re.compile(
        rf"{_COMPETITOR}(?:的|那边的?)?.{{0,8}}(?:人|老|小|客户经理|经理|朋友|同学|老乡|前同事)"
        rf".{{0,24}}(?:他们|他们的).{{0,16}}{_PRICE_TALK}"
    ),
    re.compile(
        rf"(?:朋友|熟人|同学|老乡|前同事).{{0,8}}{_COMPETITOR}.{{0,24}}(?:他们|他们的).{{0,16}}"
        rf"{_PRICE_TALK}"
    ),
    re.compile(rf"(?:约|请|找|托).{{0,8}}{_COMPETITOR}.{{0,16}}(?:问|探|要|聊)"),
]
# What was heard in public, or declined: no caution.
_PUBLIC_OR_DECLINED = re.compile(
    r"(?:官网|公开|公示了|公告|唱标|宣传册|广告|通报|公众号|没接话|婉拒|不方便讲|岔开|没多说|"
    r"没要|没聊业务|客户主动说|客户说|客户提到|客户拿出)"
)

_GAVE = (
    r"(?:发给|发他|发过去|发了过去|发到|给了|给他|提供给|透露给|透给|转给|转到|转发给|拍照给|拍给|"
    r"传给|拷给|打印给|报给|告诉|共享给|分享给|交给|寄给|递给|导一份|导出|截图给|给他看|口头给|"
    r"跟他说了|随口说|转给)"
)
_GAVE_ANYONE = rf"(?:{_GAVE}|发他|拍给|发过去|已经发|答应.{{0,4}}给)"
_OUTSIDER = (
    r"(?:代理商|代理|合作伙伴|合作方|合作SI|SI|第三方|外部|外面的|朋友|前同事|咨询公司|设计院|"
    r"集成商|供应商|媒体|记者|同行|对方|竞争对手|友商|中介|渠道商|外包|分包|私人|装修公司|审计|"
    r"华为|采购代理|老师|其他几家|别的学校|对门|另一家|其他几个|别家|公司的人|软件公司|渠道商|云服务商|私人邮箱|(?:别的|其他|另一个|另一家)客户)"
)
_MATERIALS = (
    r"(?:资料|数据|名单|清单|报价|资费|价格|合同|方案|表格|表|文件|客户信息|通讯录|联系方式|联系人|"
    r"号码|手机号|底单|账单|详单|配置|月费|户数|收入|拓扑|平面图|IP|密码|账号|成本|预算|商机|"
    r"营销|酬金|白皮书|报告|记录|监控|截图|PPT|套餐|流量|话单|分布图|投标|用户数|用户规模|业务数据|"
    r"签约价|合同金额|几个数)"
)
_BROKEN_RULE = re.compile(
    r"(?:没走审批|没走流程|没核|没要公函|没找.{0,6}授权|没.{0,4}书面同意|没问.{0,8}那边|"
    r"(?:NDA|保密协议|协议).{0,4}(?:后面|回头|以后|之后)再?补|(?:NDA|保密协议).{0,4}(?:还在走|还没)|报备流程还没走|标了?[^，。]{0,4}机密|"
    r"内部资料|禁止外传|私人邮箱|没经.{0,6}同意|还没签)"
)
_SAFEGUARD = re.compile(
    r"(?:签了|签订|已签|盖章|审批下来|批下来|经批准|经审批|批准后|审批后|领导同意|授权后|拿到授权|"
    r"书面授权|脱敏|公开|官网|对外可提供|婉拒|让他找|先报|核了|走公司流程|按规定|按协议|备案)"
)
# Materials that are ours alone, whoever they go to (the customer included).
_INTERNAL = re.compile(
    r"(?:内部的?(?:资料|PPT|文件|表|数据|方案|资费|价)|还没发文|未发布|底线|酬金|成本测算|审批底线|采购预算)"
)
_DECLINED = re.compile(r"(?:婉拒|拒绝|不好评价|不能给|没给|不给|不能发|没发|不能提供)")
_DATA_OUTSIDE = [
    re.compile(rf"{_GAVE}.{{0,12}}{_OUTSIDER}"),
    re.compile(rf"{_OUTSIDER}.{{0,30}}{_GAVE}"),
]

_SURELY = (
    r"(?:保证|打包票|拍胸脯|拍板|说了算|我做主|肯定|一定|绝对|没问题|放心|都可以|说可以|直接同意|"
    r"当场答应|表态|全包|全退|全免|全额|永久|不限|零中断|不会断|不会停|不涨|必到|免费开发|不收钱|"
    r"以后再说|走个过场|包在我身上|一口答应|当场答应了|我说行|口头答应|我去搞定|应该没问题)"
)
_PROMISED = (
    r"(?:答应|应了|承诺|说好|保证|表态|跟客户说|跟客户讲|告诉客户|我说|我表态|当场|直接同意|已经告诉|"
    r"说了|拍|打包票)"
)
_CONDITIONAL = re.compile(
    r"(?:内部商定|商定后|请示|汇报|领导同意|审批|评估|确认后|核实后|争取|尽量|尽力|不敢保证|"
    r"不能保证|没有承诺|未承诺|没答应|没有答应|不承诺|视情况|如果|看资源|查完|要看|按合同|"
    r"合同条款|按现行|公开资费|权限内|标准|报领导|没表态|不打包票|不能当场|不能.{0,4}打包票|回去确认|回去核|"
    r"申请|已跟.{0,6}确认)"
)
_PROMISED_OUTRIGHT = r"(?:一口答应|当场答应|我说行|口头答应|我去搞定|包在我身上)"
_OVER_PROMISE = [
    re.compile(_PROMISED_OUTRIGHT),
    re.compile(r"(?:答应|承诺).{0,12}(?:打[一二三四五六七八九\d]+折|降到|降价|送|减免|免)"),
    re.compile(rf"{_PROMISED}.{{0,24}}{_SURELY}"),
    re.compile(rf"{_SURELY}.{{0,16}}(?:免|送|退|包|开通|建好|过|定制|不收|不涨|做完|搞定|弄到)"),
]

_TOLD = (
    r"(?:我(?:跟|对|向|给)?.{0,8}(?:说|讲|回了句|放话|透个风|暗示|提了|吐槽)|当着.{0,6}面|"
    r"在客户面前|饭桌上讲|会上我说|顺带提了句|聊的时候说了句|跟.{1,10}(?:说|讲|放话|透个风|吐槽)|"
    r"提醒客户|劝客户|写份材料|转到客户|转给客户|专门列|对比表里|给客户看|暗示了一下|吐槽了)"
)
_RUN_DOWN = (
    r"(?:垃圾|烂|差|不行|坑|宰|跑路|破事|外行|虚标|后悔|翻新|淹|不懂|打不通|没人理|被罚|人品|"
    r"撑不住|隐藏收费|漏洞|拼的|偷工减料|便宜没好货|贴牌|临时工|找不到人|事故|段子|不会配|狠一点|"
    r"问题|不靠谱|靠不住|掉线|老断|不稳定|忽悠|骗|乱收费|别选|不要选|别信|小心|倒闭|不专业|"
    r"啥也不懂|没能力|玩具|黑历史|断网|PPT工程|落不了地|充数|撑不下去|虚高|加钱|破仓库|不安全|"
    r"钓鱼|骂|抢单|没人管)"
)
_DISPARAGE = [
    re.compile(rf"{_TOLD}.{{0,30}}{_COMPETITOR}.{{0,30}}{_RUN_DOWN}"),
    re.compile(rf"{_COMPETITOR}.{{0,24}}{_RUN_DOWN}.{{0,12}}{_TOLD}"),
    re.compile(rf"{_TOLD}.{{0,12}}{_RUN_DOWN}.{{0,20}}{_COMPETITOR}"),
    re.compile(rf"{_COMPETITOR}.{{0,16}}我(?:说|讲|回).{{0,24}}{_RUN_DOWN}"),
]
_FAIR = re.compile(r"(?:不好评价|各有长处|我没接话|我认|实打实|只写我们自己)")

_WE_SAID = re.compile(r"我(?:说|讲|回)")
_REPORTED = re.compile(
    r"^(?:客户|对方|他们|[\u4e00-\u9fff]总|领导)(?:主动|也|还)?(?:说|讲|反映|抱怨|提到|认为|觉得|嫌)"
)


def _only_reported(clause: str) -> bool:
    """The customer's (or another's) words retold, with nothing we said ourselves."""
    return bool(_REPORTED.match(clause)) and not _WE_SAID.search(clause)


def _learns_competitor_secrets(clause: str) -> bool:
    return any(p.search(clause) for p in _COMPETITOR_INFO) and not _PUBLIC_OR_DECLINED.search(
        clause
    )


def _hands_data_outside(clause: str) -> bool:
    if _DECLINED.search(clause):
        return False
    if _BROKEN_RULE.search(clause):
        return True
    to_outsider = any(p.search(clause) for p in _DATA_OUTSIDE) and re.search(_MATERIALS, clause)
    internal_to_anyone = re.search(_GAVE_ANYONE, clause) and _INTERNAL.search(clause)
    return bool(to_outsider or internal_to_anyone) and not _SAFEGUARD.search(clause)


def _promises_outright(clause: str) -> bool:
    return (
        any(p.search(clause) for p in _OVER_PROMISE)
        and not _CONDITIONAL.search(clause)
        and not _only_reported(clause)
    )


def _runs_competitor_down(clause: str) -> bool:
    return (
        any(p.search(clause) for p in _DISPARAGE)
        and not _FAIR.search(clause)
        and not _only_reported(clause)
    )


_DETECTORS = {
    COMPETITOR_INFO: _learns_competitor_secrets,
    DATA_OUTSIDE: _hands_data_outside,
    OVER_PROMISE: _promises_outright,
    DISPARAGE: _runs_competitor_down,
}


def cautions_for(text: str) -> list[Caution]:
    """The cautions a field note calls for, in the order of KINDS; none for most notes."""
    clauses = [c.strip() for c in re.split(r"[。；;！!？?\n]+", text) if c.strip()]
    return [
        CAUTIONS[kind] for kind in KINDS if any(_DETECTORS[kind](clause) for clause in clauses)
    ]
