"""The compliance notes: what reads as one of the four cautions gets it, innocent notes about the
same topics get none. (These examples were written with the detector; the sets that measure it
are in bench/eval/, scored by `python -m bench.compliance --set all`.)"""

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


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        # competitor_info: asked around for, leaked by one of theirs, or passed on by a third
        ("托移动做渠道的表哥帮忙问一下他们给交通局的专线折扣", COMPETITOR_INFO),
        ("广电投标组的人喝多了说漏嘴，他们这次报的是每年52万", COMPETITOR_INFO),
        ("客户的网管偷偷把联通的合同复印件塞给我了", COMPETITOR_INFO),
        # data_outside: a customer's data to an outsider, ours to anyone, others' to a customer
        ("把文旅局的宽带账号和地址清单发给做广告的朋友", DATA_OUTSIDE),
        ("我们内部的专线成本价微信给了客户的采购看", DATA_OUTSIDE),
        ("把几家医院的签约价整理成表转给合作的软件商", DATA_OUTSIDE),
        # over_promise: a firm promise of a price, a gift, a date or an outcome, unchecked
        ("我跟赵总保证下个月网速翻倍，价钱一分不加", OVER_PROMISE),
        ("客户要三年不涨价，我当场拍板同意了", OVER_PROMISE),
        ("跟客户讲装机费全免，这事我来搞定", OVER_PROMISE),
        # disparage: we tell the customer a competitor is bad, in any words
        ("跟客户说联通的专线老出故障，找他们肯定后悔", DISPARAGE),
        ("我在交流会上说友商的云就是个空壳子，出了事没人管", DISPARAGE),
        ("对客户说移动那帮人只会低价忽悠，后面全是坑", DISPARAGE),
    ],
)
def test_a_caution_is_read_from_the_structure_not_one_phrasing(note: str, kind: str) -> None:
    assert [caution.kind for caution in cautions_for(note)] == [kind]


@pytest.mark.parametrize(
    "note",
    [
        "客户说联通上个月给他们降了价，问我们能不能跟",  # the customer's words retold
        "客户觉得移动便宜但售后差，想听听我们的方案",
        "联通官网公布了新资费，整理成表给组里参考",  # a public source
        "移动的客户经理也来了，大家打了招呼，没多聊",  # nothing learned
        "客户提到广电服务一般，我只介绍了我们的装维响应时间",  # fair words
        "客户问移动怎么样，我说不好评价，建议他们多比较",
        "按规定把客户自己的话单明细发给了他们财务",  # the customer's own data, to them
        "签了保密协议并经领导审批后，把拓扑发给集成商",  # safeguard in place
        "代理商要客户名单，我没给，让他走公司流程",  # declined
        "答应明天上午把会议纪要和产品手册发给客户",  # a promise of our own work
        "客户要五折，我说超出权限，回去请示后答复",  # conditional
        "开通日期要等资源核查结果，先不承诺",
        "客户想要三个月免费试用，按现行活动政策可以办，已说明条件",  # within policy
        "跟客户说我们的网络覆盖全区，装维两小时响应",  # our own strengths
    ],
)
def test_a_hard_negative_stays_quiet(note: str) -> None:
    assert cautions_for(note) == []


def test_a_sure_word_about_a_competitor_is_disparagement_not_a_promise() -> None:
    note = "跟客户说选了联通肯定后悔，他们网络三天两头掉线"
    assert [caution.kind for caution in cautions_for(note)] == [DISPARAGE]


def test_a_safeguard_named_as_skipped_outweighs_one_named_as_pending() -> None:
    assert cautions_for("方案先发给集成商了，保密协议还在走流程") != []
    assert cautions_for("集成商要方案，保密协议签完、审批下来后再发") == []


def test_each_caution_quotes_its_norm_verbatim(knowledge: Knowledge) -> None:
    for caution in CAUTIONS.values():
        norm = knowledge.kb.norm(caution.norm_id)
        assert norm is not None
        assert canon(caution.quote) in canon(norm.text)


def test_two_cautions_in_one_note_come_in_a_fixed_order() -> None:
    note = "跟客户说移动服务差；我做主给他免一个月"
    assert [caution.kind for caution in cautions_for(note)] == [OVER_PROMISE, DISPARAGE]
    assert DATA_OUTSIDE not in [caution.kind for caution in cautions_for(note)]


@pytest.mark.parametrize(
    "note",
    [
        "托在联通做网优的亲戚帮忙找一下他们给税务局的合同",  # any fetching verb via a go-between
        "趁客户去倒水，拍了一张移动的报价表",  # taken covertly
        "新同事是从联通跳过来的，让他把以前的资费方案带过来",  # a defector's old papers
        "客户信息科把广电的投标文件传了我一份",  # passed to me, however worded
        "定标前从评委那里听说了移动报的单价",  # a tender insider before the award
        "托大华的销售朋友打听他们给公安的设备底价",  # a vendor bidding against us
    ],
)
def test_competitor_info_is_caught_in_other_words(note: str) -> None:
    assert [caution.kind for caution in cautions_for(note)] == [COMPETITOR_INFO]


@pytest.mark.parametrize(
    "note",
    [
        "客户把联通的宣传彩页给我看了，都是对外的产品介绍",
        "和移动的老朋友喝茶，只叙旧，不谈项目",
        "客户拿出联通的报价单问能不能跟，我只记了他口头说的总价",
        "我们的方案里用海康的摄像头，客户认可",
    ],
)
def test_competitor_info_look_alikes_stay_quiet(note: str) -> None:
    assert cautions_for(note) == []


def test_telling_tales_about_a_competitor_is_not_learning_their_secrets() -> None:
    note = "跟客户私下透点风，说广电资质有问题，投标可能被废"
    assert COMPETITOR_INFO not in [caution.kind for caution in cautions_for(note)]


@pytest.mark.parametrize(
    "note",
    [
        "把我们的客户台账共享给合作伙伴，方便他们上门",  # customer data by another name
        "代理商来问，把内部讨论意见发他微信了",  # our internal reviews and minutes
        "给咨询公司提供了我们在全市的ARPU和市场份额",  # our business figures
        "甲单位想看我们给乙单位的报价，我直接邮件发他了",  # one customer's to another
        "王总问行情，我把隔壁区教育局的专线价格拍给他看了",  # another customer's price
    ],
)
def test_data_outside_is_caught_in_other_words(note: str) -> None:
    assert [caution.kind for caution in cautions_for(note)] == [DATA_OUTSIDE]


@pytest.mark.parametrize(
    "note",
    [
        "给他们建了一个专属服务群，装维有问题直接找",
        "A公司的报价方案已经发给A公司的采购",
        "给客户提供了产品手册和公开资费",
        "按规定给甲单位提供了他们自己的话单",
    ],
)
def test_data_outside_look_alikes_stay_quiet(note: str) -> None:
    assert cautions_for(note) == []


@pytest.mark.parametrize(
    "note",
    [
        "允诺王局签两年就送一年维保",  # a synonym of promising
        "客户问专线能不能锁价五年，我说可以",  # a price frozen; "能不能" is their question
        "客户担心扩容费用，我说这个我能做主，不加钱",  # claiming the authority
        "跟园区管委会承诺下个月给他们建个机房",  # building network for them
        "客户问能不能保证两年不涨价，我当场应承了",
    ],
)
def test_over_promise_is_caught_in_other_words(note: str) -> None:
    assert [caution.kind for caution in cautions_for(note)] == [OVER_PROMISE]


@pytest.mark.parametrize(
    "note",
    [
        "答应周五前把扩容方案发过去",  # our own paperwork about a delivery
        "答应下周一把上线计划发给王总",
        "客户要求不加钱提速，没打包票，说了需要跟领导确认",
        "迁移窗口客户想放在周末，我说要跟运维确认人手，周四前回话",
    ],
)
def test_over_promise_look_alikes_stay_quiet(note: str) -> None:
    assert cautions_for(note) == []


@pytest.mark.parametrize(
    "note",
    [
        "跟客户说移动那个云是贴牌的，售后互相踢皮球",  # fakery, buck-passing
        "准备一份对比ppt，把联通的短板放大给信息科长看",  # flaws played up, shown to them
        "我跟客户讲海康的设备有后门，公安早就不用了",  # a safety scare, said to be dropped
        "拜访时说了移动机房夏天老宕机，我也没核实过",  # unverified, said at a visit
        "明天重点讲联通装维差，把客户拉回来",  # a planned emphasis
        "跟客户说另外两家的报价是虚的",  # rivals by number, a false claim
    ],
)
def test_disparage_is_caught_in_other_words(note: str) -> None:
    assert [caution.kind for caution in cautions_for(note)] == [DISPARAGE]


@pytest.mark.parametrize(
    "note",
    [
        "跟客户说联通那次故障是光缆被挖断，和他们无关",
        "给王总看了联通官网的公开资费，让他自己比较",
        "去交流时重点讲我们的网络优势，不提联通",
        "列了一个我们和移动的优缺点对比表给客户",
        "跟客户说大华的摄像头我们也集成过，效果不错",
    ],
)
def test_disparage_look_alikes_stay_quiet(note: str) -> None:
    assert cautions_for(note) == []


@pytest.mark.parametrize(
    "note",
    [
        "评标前把我们的标书检查了一遍",  # "评标前" is a time, not an insider
        "给设备厂家提供了机房尺寸，他们出安装方案，客户已同意",  # the customer agreed
        "客户数据中心扩容，答应下周把扩容方案发过去",  # their project, our paperwork
    ],
)
def test_broadened_words_do_not_fire_on_their_everyday_senses(note: str) -> None:
    assert cautions_for(note) == []


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("联通离职的小刘答应把他们的投标底稿发过来", COMPETITOR_INFO),  # sent over to us
        ("请客户网管帮忙看一眼移动的合同价", COMPETITOR_INFO),  # a favour asked
        ("饭局上灌了移动的客户经理几杯，他把今年的折扣政策全说了", COMPETITOR_INFO),
        ("把客户的员工花名册发到了合作商的邮箱", DATA_OUTSIDE),
        ("把我们本季度的投诉统计给了来调研的咨询公司", DATA_OUTSIDE),
        ("跟客户说联通的人都是临时工，干完就走", DISPARAGE),  # their people belittled
        ("在局长面前说移动的云服务器数据丢过好几次", DISPARAGE),  # "在X面前" is us
        ("给主任转了一篇移动被通报的旧新闻，让他心里有数", DISPARAGE),  # a sanction dug up
    ],
)
def test_second_round_of_other_words(note: str, kind: str) -> None:
    assert [caution.kind for caution in cautions_for(note)] == [kind]


@pytest.mark.parametrize(
    "note",
    [
        "客户把移动的割接通知转过来，问会不会影响我们的专线",
        "请网络部同事帮忙看一下联通到我们机房的光缆路由",
        "客户说联通去年被通报过，问我们有没有类似问题，我说不了解",
        "我们的装维不是临时工，都有上岗证，跟客户介绍了",
        "把我们的投诉处理流程发给了客户的办公室",
    ],
)
def test_second_round_look_alikes_stay_quiet(note: str) -> None:
    assert cautions_for(note) == []


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("约联通的老熟人喝茶，摸摸他们今年的政企指标", COMPETITOR_INFO),
        ("集成商要进场，把客户机房的门禁密码告诉了他们", DATA_OUTSIDE),
        ("拿公司的营销数据给朋友做课题", DATA_OUTSIDE),
        ("把甲医院的组网方案原样给了乙医院参考", DATA_OUTSIDE),  # one customer's to another
        ("把负责的客户资料拷到了自己的网盘", DATA_OUTSIDE),  # to a private account
        ("向客户散布移动要被合并的消息", DISPARAGE),  # a rumour of their trouble
        ("对客户说联通在裁员，服务肯定跟不上", DISPARAGE),
    ],
)
def test_third_round_of_other_words(note: str, kind: str) -> None:
    assert [caution.kind for caution in cautions_for(note)] == [kind]


@pytest.mark.parametrize(
    "note",
    [
        "客户拿出联通给的报价单问能不能跟，我没要复印件",
        "把会议纪要拷到客户的共享盘，他们签字确认",
        "客户的信息科长是从移动跳槽过来的，人很专业",
        "客户问能不能免安装费，我说按活动政策新装免收",
    ],
)
def test_third_round_look_alikes_stay_quiet(note: str) -> None:
    assert cautions_for(note) == []
