"""Reads one sentence of a field note for the four cautions, by its structure rather than by
remembered phrasings: who acts, what they do, to what, and whether a safeguard is named.

Each rule is a few vocabularies of interchangeable words (any competitor, any way of handing
something over, any certainty word, ...) that must meet in one sentence, and explicit
exceptions for the notes that look alike but are fine: the customer's words retold, a request
declined, a promise made conditional, a public source, an approval or agreement in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _words(*alternatives: str) -> str:
    """One regex group matching any of the alternatives (each itself a small regex)."""
    return "(?:" + "|".join(alternatives) + ")"


def _found(pattern: str, sentence: str) -> bool:
    return re.search(pattern, sentence) is not None


def _near(first: str, second: str, within: int = 24) -> str:
    """Either pattern followed by the other within a few characters, in either order."""
    return _words(rf"{first}.{{0,{within}}}{second}", rf"{second}.{{0,{within}}}{first}")


# --- shared pieces ----------------------------------------------------------------------------

# Any other operator or vendor competing for the customer. "移动" as in 移动办公/移动端 is not.
COMPETITOR = _words(
    r"(?<!中国电信)移动(?!办公|端|终端|应用|互联|化|硬盘|电源|支付|OA)",
    "联通",
    "广电",
    "友商",
    "对手",
    "竞品",
    "竞争方",
    "同行",
    "别家",
    "另一家",
    r"另外[一两几三]家",
    "其他几家",
    "其他运营商",
    "别的运营商",
    r"(?:其他|别的)厂商",
    "那家",
    # Equipment and cloud vendors bidding against our own solution.
    "海康",
    "大华",
    "宇视",
    "阿里云",
    "腾讯云",
    "华为云",
)

# The note tells what the customer (or someone else) said; nothing we said ourselves.
_THEIR_WORDS = re.compile(
    r"^(?:客户|对方|他们|他|她|(?![跟对和向给在当])[\u4e00-\u9fff]{1,2}(?:总|主任|局|处|科|工|经理|主管)|"
    r"领导|boss)"
    r"[^，,我]{0,8}?(?:说(?!好|了算)|讲|反映|抱怨|提到|认为|觉得|嫌|吐槽|问)"
)
_WE_SAID = re.compile(
    r"我[^们]{0,4}(?:说|讲|回|答应|承诺|保证|告诉|提醒|跟|给|把|做主|表态)|"
    r"[，,][^，,]{0,6}(?:当场|把|答应|承诺|保证|说好|跟|给了|报给|发给|给他|告诉|转给|拷给)"
)


def only_their_words(sentence: str) -> bool:
    """The customer's (or another's) words retold, with nothing we said or did ourselves."""
    return bool(_THEIR_WORDS.match(sentence)) and not _WE_SAID.search(sentence)


# Published or otherwise public, so telling or learning it is fine ("没公开" is the opposite).
_PUBLIC = _words(
    r"(?<![没未不非])公开",
    r"(?<![没未])公示",
    r"(?<![没未])公布",
    "官网",
    "公告",
    "通告",
    "新闻",
    r"宣传(?:册|页|折页|单|彩页|资料)",
    "彩页",
    r"对外(?:的|可|产品|介绍|宣传)",
    "广告(?![的公商])",
    "采购网",
    "交易网",
    "唱标",
    "已发布",
    "发布的",
)


# --- competitor_info (1.2.6-03): learning a competitor's unpublished prices or plans ----------

_THEIR_BUSINESS = _words(
    "报价",
    "底价",
    "价",
    "折",
    "成本",
    "方案",
    "计划",
    "规划",
    "政策",
    "投标",
    "标书",
    "返佣",
    "佣金",
    "定价",
    "资费",
    "套餐",
    "打算",
    "策略",
    "清单",
    "明细",
    "合同",
    "利润",
    "补贴",
    "降",
    "涨",
    r"免(?!得)",
    "铺",
    "打分",
    "指标",
    "任务量",
)
# Trying to find out: by asking around, through a go-between, or by a trick.
_SEEKING = _words(
    "打听",
    "探探",
    "探一下",
    "探底",
    r"摸(?:清|底|一下|摸|一摸)",
    "套一下",
    "套出",
    "套他",
    "顺便套",
    "套话",
    "套套",
    r"灌.{0,6}(?:酒|几杯)",
    r"(?:请|让|找)[^，,。]{0,10}帮忙(?:看|问|拿|找|要|打听|查)",
    "问问",
    "问一下",
    "聊聊",
    "想办法",
    "弄到",
    "搞到",
    "搞一份",
    "拿到",
    "要一份",
    "要来",
    "托人",
    "托朋友",
    r"托.{0,12}(?:问|要|打听|拿|弄|搞|带|找|查)",
    r"约.{0,12}(?:吃饭|喝茶|喝酒|聊)",
    r"托.{0,10}看",
    # Taking it covertly: a photo, a copy, a look while no one watches.
    "拍下",
    r"拍了(?!拍)",
    "偷拍",
    "偷看",
    "顺手翻",
    r"翻了(?:下|一下|翻)",
    "抄了",
    "抄下",
    r"趁.{0,10}(?:出去|不在|离开|走开|没注意|不注意|接电话|上厕所)",
    # One of theirs who joined us bringing their old papers.
    r"带(?:过来|出来)",
    "原来手上",
    "冒充",
    "录音",
)
# It came to us from their side, or is marked as not yet out.
_LEAKED = _words(
    r"(?<![没不])透露",
    "透了",
    "透给",
    "私下",
    "偷偷",
    "发我",
    "发给我",
    "拍给我",
    "转给我",
    "给我看",
    "给了我",
    "给我",
    "转我",
    r"(?:发|转|传|拷|塞|递)了?(?:给)?我(?!们)",
    r"(?:发|转|传|拷)过来",
    "拷了",
    "拷给",
    "截图",
    "截了",
    "内部",
    "里面的人",
    "没公开",
    "未公开",
    "不公开",
    r"还没(?:对外|公布|公示|官宣|发|批|放|定)",
    "没放出来",
    "保密",
    "秘密",
    "机密",
    r"别.{0,2}外传",
    r"别往外(?:说|讲)",
    "不要外传",
    r"[开评定]标前",
    "底价",
    "交底",
    "说漏",
    "漏了",
)
# Someone of theirs telling us about their own business.
_THEIR_PEOPLE = _words(
    "人",
    "朋友",
    "熟人",
    "同学",
    "前同事",
    "老乡",
    "经理",
    "销售",
    "售前",
    "师傅",
    "渠道",
    "总监",
    "员工",
    r"小[\u4e00-\u9fff]",
    r"老[\u4e00-\u9fff]",
    "跳过来",
    "跳槽",
    "离职",
)
_THEY_TOLD = _words("说", "讲", "告诉", "透露", "聊")
# Agreeing prices or splitting the market with them.
_COLLUDING = _words(
    "两家",
    "谁也别",
    "不压价",
    "别压价",
    "别砸价",
    "都不低于",
    r"对.{0,2}口径",
    "统一口径",
    "互相交",
    "说好了",
    r"(?:他|对方|他们)也(?:说|讲|透露|报)了",
)
_NOTHING_LEARNED = _words(
    "没接话",
    "岔开",
    "不能透露",
    "不方便",
    "没聊业务",
    "没多说",
    "婉拒",
    "寒暄",
    "一句不提",
    "没问",
    "不问",
    r"(?:不|没|别|不要)(?:聊|谈|打听)",
    "叙旧",
    r"(?:没|不)透露",
    r"没.{0,4}交流",
)
# Those who run a tender, passing on what the bidders offered.
_TENDER_INSIDERS = _words(
    r"评标(?:专家|委员|组|小组|的人)", "评委", "招标办", "招标代理", "采购代理"
)
_TENDER_INSIDER_SEEN = _words("看到", "看了", "听说", "得知", "知道了", "拿到")


def learns_competitor_secrets(sentence: str) -> bool:
    """Us (or someone for us) getting a competitor's unpublished prices or plans."""
    if _found(_PUBLIC, sentence) or _found(_NOTHING_LEARNED, sentence):
        return False
    if _found(_TENDER_INSIDERS, sentence) and _found(
        _words(_LEAKED, _TENDER_INSIDER_SEEN), sentence
    ):
        return True
    if not _found(COMPETITOR, sentence):
        return False
    if runs_competitor_down(sentence) and not _found(_SEEKING, sentence):
        return False  # we are the ones telling tales, not learning them
    about_their_business = _found(_near(COMPETITOR, _THEIR_BUSINESS, 30), sentence)
    sought_or_leaked = _found(_words(_SEEKING, _LEAKED), sentence)
    their_person = _words(
        rf"{COMPETITOR}[^，,。]{{0,10}}{_THEIR_PEOPLE}", rf"{_THEIR_PEOPLE}.{{0,6}}{COMPETITOR}"
    )
    told_by_theirs = _found(
        _words(
            rf"{their_person}.{{0,30}}{_THEY_TOLD}.{{0,30}}{_THEIR_BUSINESS}",
            rf"{their_person}.{{0,30}}{_THEIR_BUSINESS}.{{0,8}}[全都]?{_THEY_TOLD}了",
        ),
        sentence,
    )
    colluding = _found(_near(COMPETITOR, _COLLUDING, 30), sentence)
    if colluding:
        return True
    if not about_their_business:
        return False
    if only_their_words(sentence) and not _found(_LEAKED, sentence):
        return False
    return sought_or_leaked or told_by_theirs


# --- data_outside (1.2.5-03): our or customers' materials to people outside ------------------

_HANDED_OVER = _words(
    "发给",
    "发他",
    "发她",
    "发过去",
    "发了过去",
    "发到",
    r"发了?一份",
    "给了",
    # "给他们建/装/办 ..." does something for them; nothing is handed over.
    r"给(?:他们|他|她)(?!建|装|开|做|办|修|上|搞|配|调|降|免|送|争取|申请|安排|解决|讲|说|介绍|演示)",
    "提供给",
    r"提供了",
    r"给[^，,。]{1,10}提供",
    "透露给",
    "转给",
    "转发",
    "拍照给",
    "拍给",
    "传给",
    "拷给",
    "拷了",
    "导到",
    "导出",
    "导了",
    "导一份",
    "打印给",
    "报给",
    r"报了.{0,4}数",
    r"说了.{0,4}数",
    "口头给",
    r"(?:跟|和|对|给)(?:他|她|他们|对方)(?:说|讲)",
    r"(?:他|她|对方)(?:说|讲)了",
    "都讲了",
    "都说了",
    r"告诉了?(?:客户|他|她|对方)",
    r"拿(?!出|到|来)[^，,。]{0,10}给(?!的|我)",  # "拿出X给的报价单" is shown to us
    r"(?:拷|传|存|导)到",
    "共享给",
    "分享给",
    "交给",
    "寄给",
    "截图给",
    "拿给",
    r"给.{1,8}(?:看|过目|参考)",
    "过目",
    "调出来",
    "顺手发",
    "私下发",
    "微信发",
    "邮件发",
    "U盘",
    r"发[^，,。]{0,8}(?:邮箱|微信|QQ)",
)
# Ours alone, whoever asks for them (the customer included).
_OURS_ALONE = _words(
    r"内部的?[^，,。]{0,6}(?:资料|PPT|文件|表|数据|方案|资费|价|报表|底|政策|指标|意见|纪要|评审|讨论)",
    r"评审(?:意见|纪要|记录|结论)",
    "成本",
    "底价",
    "测算",
    "考核",
    "KPI",
    "收入",
    "底线",
    "密码",
    "合同价",
    r"[用客]户数(?!据)",
    "用户规模",
    "ARPU",
    "市场份额",
    "渗透率",
    "排名",
    "中标价",
    "签约价",
    "合同金额",
    "采购预算",
    "项目清单",
    r"机房.{0,8}(?:分布|图|登记|监控|录像)",
    "基站",
    r"(?:节点|网络|机房|基站)[^，,。]{0,4}分布",
    "分布图",
    r"我们[^，,。]{0,6}(?:拓扑|城域网|节点|骨干)",
    r"(?:投诉|故障|工单|收入|业绩)[^，,。]{0,2}(?:统计|数据|明细|报表|台账)",
    "还没发文",
    "未发文",
    "未发布",
    "酬金",
    "佣金",
    "营销政策",
    "商机",
)
# What belongs to a customer, to no one else.
_CUSTOMERS_DATA = _words(
    "名单",
    "清单",
    "档案",
    r"(?:客户|用户)[^，,。]{0,4}(?:信息|资料|名称|数据|视图|画像|台账|库|列表|明细)",
    r"(?:局|院|校|厂|公司|单位|企业|集团)的[^，,。]{0,6}(?:资费|价格|单价|折扣|报价)",
    "名称",
    "账号",
    "套餐",
    "流量",
    "记录",
    "联系人",
    "通讯录",
    "花名册",
    "联系方式",
    "手机号",
    "电话",
    "名字",
    "账单",
    "话单",
    "详单",
    "用量",
    "通信记录",
    "报价",
    "合同",
    "拓扑",
    "IP",
    "组网",
    "业务数据",
    "用户数据",
    "宽带用户",
    "数据",
)
_ANY_MATERIAL = _words(
    _OURS_ALONE,
    _CUSTOMERS_DATA,
    "资料",
    "方案",
    "资费",
    "价格",
    "表",
    "文件",
    "PPT",
    "图纸",
    "报告",
    "截图",
    "标书",
    "纪要",
)
# Customers other than the one in the room.
_OTHER_CUSTOMERS = _words(
    "其他几家",
    "其他几个",
    "其他",
    "隔壁",
    "别家",
    "别的",
    "另外几个",
    "另外",
    "所有企业",
    "哪些企业",
    "几家",
    "全市",
    "各区",
    "全区",
    "片区",
    "行业客户",
    "某某局",
    r"(?:那家|别的|另一家|其他|对门)[^，,。]{0,4}(?:厂|公司|单位|医院|学校|企业)",
    r"也是我们的(?:客)?户",
)
_OUTSIDERS = _words(
    "代理",
    "渠道",
    "合作",
    "伙伴",
    "集成",
    "供应商",
    "外包",
    "第三方",
    "外部",
    "外面",
    "记者",
    "媒体",
    "晚报",
    "报社",
    "朋友",
    "同学",
    "前同事",
    "咨询",
    "设计院",
    "研究",
    "课题",
    "华为",
    "业务员",
    "保险",
    "安防",
    "软件公司",
    "公司的人",
    "私人",
    "个人邮箱",
    "自己U盘",
    "新单位",
    "友商",
    "同行",
    "中介",
    "厂家",
    "云服务商",
    "SI",
    "老师",
    "论文",
)
# A safeguard in place, or the material not handed over at all.
_SAFEGUARDED = _words(
    r"(?<!没)签了?(?:保密|协议|NDA)",
    "签完",
    "已签",
    r"(?:审批|批准)(?:过|通过|下来|后)",
    r"经.{0,8}(?:审批|批准|同意)",
    r"已(?:经)?(?:报批|审批|批)",
    r"(?:保密协议|NDA|协议)[^，,。]{0,8}(?:盖章|签|生效)",
    r"客户(?:已经?|也)?(?:指定|授权|同意)",
    "授权",
    "按规定",
    r"(?<!不)按流程",
    r"(?<![不没])走.{0,4}流程",
    "走公司",
    "按密级",
    "交接单",
    "备案",
    "登记了",
    "脱敏",
    _PUBLIC,
    "不能给",
    "给不了",
    "不能发",
    "不能提供",
    "拒",
    "没给",
    "不给",
    "啥也没说",
    "什么也没说",
    "宣传部",
    "法务",
    "本人",
    "自己单位",
    "他们单位",
    "经办人",
)
# The safeguard named as missing or put off.
_SAFEGUARD_SKIPPED = _words(
    "不走流程",
    r"没走.{0,4}(?:流程|审批)",
    r"(?:还没|没|未)(?:签|批|审批|报批|授权)",
    r"(?:后面|回头|以后|之后)再?(?:补|签)",
    r"(?:还在|正在)走",
    "私下",
    r"没(?:核|验|要|查)",
    r"没问[^，,。]{0,6}(?:那边|客户|本人|对方)",
    r"没(?:找|经|征得|问)[^，,。]{0,6}(?:授权|同意)",
    r"(?:自己|私人|个人)的?(?:电脑|U盘|硬盘|邮箱|网盘|手机)",
    "禁止外传",
    r"标了?.{0,4}机密",
)


# Customers named by a letter, as notes keep them anonymous ("A公司", "乙单位").
_LETTERED_CUSTOMER = re.compile(
    r"(?<![A-Za-z])([A-Z甲乙丙丁])(?:公司|单位|厂|医院|学校|局|企业|集团)"
)


def _two_customers_named(sentence: str) -> bool:
    """Two different customers in one sentence: what is one's may be going to the other."""
    return len(set(_LETTERED_CUSTOMER.findall(sentence))) >= 2


def hands_data_outside(sentence: str) -> bool:
    """Our internal materials to anyone, or a customer's data to anyone but that customer,
    with no agreement or approval."""
    if not _found(_HANDED_OVER, sentence):
        return False
    if only_their_words(sentence):
        return False
    if _found(_SAFEGUARD_SKIPPED, sentence) and _found(_ANY_MATERIAL, sentence):
        return True
    if _found(_SAFEGUARDED, sentence):
        return False
    ours_alone = _found(_OURS_ALONE, sentence)
    others_data = (_found(_CUSTOMERS_DATA, sentence) and _found(_OTHER_CUSTOMERS, sentence)) or (
        _found(_ANY_MATERIAL, sentence) and _two_customers_named(sentence)
    )
    to_outsider = _found(_ANY_MATERIAL, sentence) and _found(_OUTSIDERS, sentence)
    return ours_alone or others_data or to_outsider


# --- over_promise (1.2.2-02): promising outright what is not certain or not ours -------------

# A promise however worded; the firm ones count on their own, "I said" needs a certainty.
_PROMISED_FIRMLY = _words(
    "答应",
    "承诺",
    "许诺",
    "允诺",
    "应允",
    "保证",
    "打保票",
    "打包票",
    "打了包票",
    "拍胸脯",
    "拍了胸脯",
    "应下",
    "应了",
    "应承",
    "说好",
    r"我说(?:行|可以|好|能|都可以|都行|保证|没问题)",
    "担保",
    "拍板",
    "表态",
    "我做主",
    "包在我身上",
)
_SAID_TO_THEM = _words(
    r"我[^们]{0,3}(?:说|讲|回)",
    r"(?:跟|对|和|向)(?!我).{1,8}(?:说|讲)",
    "告诉(?!我)",
    "当场说",
    "放话",
    r"(?:一口|直接|当场|口头)(?:答应|同意|应)",
)
# Taking it on ourselves, whatever it costs.
_ON_MY_HEAD = _words(
    "我来搞定",
    "我去搞定",
    "我来解决",
    "包在我身上",
    r"我(?:能|可以|来|就能)?做(?:得了)?主",
    r"我(?:能|可以|来|就能)(?:定|拍板)",
    r"我.{0,3}说了算",
    "我来想办法",
    "走个过场",
    "走形式",
)
_CERTAINTY = _words(
    "肯定",
    "一定",
    "绝对",
    "100%",
    "百分之百",
    "没问题",
    "放心",
    "零中断",
    "零停机",
    "零故障",
    r"不会(?:断|出|涨|停|比|有问题)",
    r"都不会",
    "任何",
    "所有",
    "至少",
    "没事的",
    "搞定",
    "包过",
    "一个不",
    r"必(?:到|定|能)",
    r"保证(?:能|会|可以)",
    "永久",
    "不限",
    "无限",
    "写进合同",
)
# A price cut, a gift, a waiver or a payout.
_CONCESSION = _words(
    r"打.{0,2}折",
    r"[\d一二两三四五六七八九]\.?\d?折",
    "降到",
    "降价",
    r"降[\d一二两三四五六七八九十几百]",
    "不收钱",
    r"一分(?:钱)?不",
    r"不(?:加|另|额外)收",
    "翻倍",
    r"减(?:免|\d|[一二两三四五六七八九十几百])",
    "免费",
    r"免(?!得)",
    "不收",
    "全包",
    "包了",
    "全额",
    r"送(?!过去|过来|到|去|达|货|审|检)",
    "赔",
    "退还",
    "全退",
    "返现",
    "独家价",
    "价格不变",
    "不会涨",
    "不涨",
    r"不(?:调|涨|加)价",
    r"不(?:加|多)(?:钱|费)",
    "锁价",
    "封顶",
    "优惠",
    "违约金",
)
_DELIVERY = _words(
    "开通",
    "上线",
    "覆盖",
    "建好",
    r"建(?:一个|个|一座|座|成|站)",
    "扩容",
    "部署",
    "修好",
    "到场",
    "驻场",
    "空出",
    "升到",
    "迁",
    "拉通",
    r"(?<!开)通(?!知|话|信|过)",
    "提升",
    "过不了",
    "能过",
)
# Named as the subject of our own paperwork ("把扩容方案发过去"), it is not a delivery promised.
_DELIVERY_PROMISED = _DELIVERY + r"(?![^，,。]{0,2}(?:方案|计划|报告|材料|申请|需求|流程))"
# What we had not checked or cleared when promising.
_UNCHECKED = _words(
    r"还没(?:查|跟|提|批|问|商量|确认|定|有|报)",
    r"回(?:去|头|来)再",
    r"回来得",
    "具体政策还没",
    "先应下",
    "先签再说",
    "以后再说",
    "想办法",
    r"再找.{0,4}(?:领导|公司)",
)
# The promise made conditional, or not made at all.
_CONDITIONAL = _words(
    "争取",
    "尽量",
    "尽力",
    "不敢",
    r"(?<!能)不能.{0,4}(?:保证|打包票|当场)",  # "能不能保证" is their question
    "不保证",
    "不承诺",
    r"没(?:有)?(?:承诺|答应|表态|当场)",
    r"(?:没|不|未)(?:敢)?(?:打包票|打保票|拍胸脯|拍板|许诺|应承|应下)",
    r"需要[^，,。]{0,8}确认",
    r"(?:前|后|再)回话",
    r"(?:确认|核实|核查|查完|评估|商量|商定|审批|批)(?:后|完)",
    r"(?<![没未不])(?:请示|汇报|申请|报批|审批|评审)",
    r"(?:报|向)领导",
    "权限内",
    r"超.{0,3}权限",
    r"授权(?:范围|内)",
    r"按(?:照)?(?:合同|[^，,。]{0,8}(?:政策|标准|规定|文件|规则|流程|协议|SLA))",
    "现行",
    "本来就",
    r"以.{0,4}为准",
    r"看.{0,8}(?:资源|进度|情况|结果|政策|活动|排期)",
    r"(?:查|核|问)了?(?:再|后)?(?:告诉|回复|答复)",
    r"(?:内|前)(?:给)?(?:书面)?(?:答复|回复)",
    r"等.{0,10}(?:结果|确认|核查|勘察|评审)",
    r"再(?:答复|回复|给答复|告诉|通知)",
    r"(?<!以)后再",
    "反映",
    "没把握",
    "标准资费",
    "公开资费",
    "试用政策",
)


def promises_outright(sentence: str) -> bool:
    """A promise of a price, a gift, a date or an outcome we cannot be sure of, made without
    a condition or a check."""
    if only_their_words(sentence):
        return False
    if _found(_ON_MY_HEAD, sentence):
        return True
    if _found(_CONDITIONAL, sentence):
        return False
    if runs_competitor_down(sentence):  # a sure word about a competitor judges, not promises
        return False
    promised = _found(_PROMISED_FIRMLY, sentence)
    said = _found(_SAID_TO_THEM, sentence)
    concession_or_sure = _found(_words(_CONCESSION, _CERTAINTY), sentence)
    delivery_promised = _found(rf"{_PROMISED_FIRMLY}.*{_DELIVERY_PROMISED}", sentence)
    delivery_or_unchecked = delivery_promised or _found(_UNCHECKED, sentence)
    if promised and (concession_or_sure or delivery_or_unchecked):
        return True
    if said and (concession_or_sure or _found(_UNCHECKED, sentence)):
        return True
    return _found(_CONCESSION, sentence) and _found(_UNCHECKED, sentence)


# --- disparage (1.2.6-05): running a competitor down to the customer -------------------------

# We tell the customer, or get it in front of them some other way.
_WE_TELL = _words(
    r"我[^们]{0,6}(?:说|讲|回|提醒|告诉|暗示|吐槽|提了|强调|写成|把)",
    r"(?:跟|对|和|向|给).{1,10}(?:说|讲|提|吐槽|灌输|暗示|透个风)",
    r"当着.{0,8}面",
    r"在.{1,6}面前",
    "饭桌上",
    "顺口",
    r"(?:说|提|带)了(?:一)?句",
    "暗示",
    "放话",
    "提醒",
    r"劝(?:客户|他|她)",
    r"写.{0,4}材料",
    "顺嘴",
    "添油加醋",
    "灌输",
    r"多讲|讲讲|说说",
    r"(?:重点|着重|主要|专门|好好|再|去)(?:讲|说|提|强调)",
    r"(?:交流|介绍|汇报|会上|现场|拜访|座谈)[^，,。]{0,4}(?:说|讲|提)",
    r"透.{0,2}风",
    "放风",
    r"散[布播]",
    "吹风",
    r"给.{1,6}看",
    r"(?:做|准备|列).{0,8}(?:(?i:ppt)|对比表|材料)",
    "对比表",
    "帖子",
    "新闻",
    "截图",
    r"(?:转|发)给(?:客户|他|她|.{1,4}(?:总|主任|科|处|局|工))",
    r"让(?:客户|他|她|他们).{0,8}(?:看|掂量|判断|没信心)",
    "让代理商",
)
# Running down: their network, service, people, prices, standing or honesty.
_RUN_DOWN = _words(
    r"差(?!不多|异|额|旅|价|点)",
    "烂",
    "垃圾",
    "坑",
    "套路",
    "噱头",
    "吹",
    "山寨",
    "抄",
    "淘汰",
    "摆设",
    "靠不住",
    "不靠谱",
    r"(?<!没什么)不行",
    "不专业",
    "不懂",
    "外行",
    "新手",
    "掉线",
    "断网",
    "断了",
    "不稳定",
    "撑不",
    "倒闭",
    "撤点",
    "跑路",
    "被查",
    "回扣",
    "人品",
    "骗",
    "忽悠",
    "宰",
    "黑历史",
    "投诉",
    "泄露",
    "出事",
    "出过事",
    "事故",
    r"不管(?!怎么|是)",
    "没人管",
    "找不到人",
    "没人理",
    "便宜没好货",
    "虚标",
    "虚高",
    "加价",
    "加钱",
    "隐藏",
    "陷阱",
    "不安全",
    "没信心",
    "玩具",
    "破",
    "充数",
    "落不了地",
    "搞不好",
    "不是干",
    "不支持",
    "骂",
    "二手",
    "翻新",
    "劣质",
    "水货",
    "作坊",
    "比我们差",
    "差远了",
    "资质有问题",
    "麻烦",
    "后悔",
    "小心",
    r"别(?:选|信|用|找)",
    r"不要(?:选|信|用|找)",
    "三天两头",
    "走马灯",
    "换人",
    "不合格",
    "钓鱼",
    "抢单",
    "糊弄",
    "瞎",
    "差劲",
    "不诚信",
    "不负责",
    "甩锅",
    "吃亏",
    "拉胯",
    "没保障",
    "不如我们",
    "不像我们",
    "比不上",
    "被罚",
    r"被(?:通报|处罚|约谈|点名|曝光)",
    "临时工",
    # Rumours of their business in trouble.
    "裁员",
    r"被(?:合并|收购|兼并|撤)",
    "资金链",
    "跟不上",
    "干完就走",
    r"丢(?:过|了)?数据",
    r"数据[^，,。]{0,2}丢",
    "罚款",
    "漏洞",
    "隐患",
    "缺陷",
    "拼的",
    "拼凑",
    "淹",
    "不确定",
    "没查证",
    r"各种(?:问题|毛病)",
    "毛病",
    # Flaws played up.
    r"(?<!优)缺点",
    "短板",
    "弱点",
    "夸张",
    "夸大",
    # Fakery and buck-passing.
    "贴牌",
    "套壳",
    "皮包",
    r"(?<!谦)虚(?!心|拟)",
    "推诿",
    "一推二五六",
    "踢皮球",
    "扯皮",
    # Safety and health scares, outages.
    "后门",
    "窃听",
    "辐射",
    "有害",
    "对身体",
    "宕机",
    "瘫痪",
    "过热",
    r"(?:老|常|总|经常|频繁|动不动)(?:出)?故障|故障(?:多|不断|率高)",
    # Said to be dropped by others, or cheating.
    r"(?:都|早就?)不用了",
    "被禁",
    "黑名单",
    r"偷偷(?:加|改|降|调)",
    "作弊",
    "造假",
    # Said without checking.
    r"没(?:核实|证实|核对)",
    "道听途说",
)
# Fair words: no caution even when a competitor's weakness comes up.
_FAIR = _words(
    "没附和",
    "没接话",
    "不做评价",
    "不好评价",
    "不评价",
    "各有",
    "长处",
    "公开参数",
    r"不(?:太)?了解",
    "不清楚",
    "客观",
    r"只(?:讲|说|谈)了?我们",
    "突出我们",
    "我们自己的",
    "实事求是",
    "优缺点",
    "优劣",
)


def runs_competitor_down(sentence: str) -> bool:
    """Us running a competitor down in front of the customer."""
    if _found(_FAIR, sentence) or only_their_words(sentence):
        return False
    return (
        _found(COMPETITOR, sentence)
        and _found(_WE_TELL, sentence)
        and _found(_near(COMPETITOR, _RUN_DOWN, 40), sentence)
    )


def sentences(text: str) -> Iterable[str]:
    """A note split where its sentences end (commas keep a sentence together)."""
    return (part.strip() for part in re.split(r"[。；;！!？?\n]+", text) if part.strip())
