"""Clause 1.2 (一（二）): award to enterprises that hire Lhasa residents and
Lhasa college graduates."""

from decimal import Decimal

from . import _fields as F
from ._money import fmt_number, fmt_yuan, fmt_yuan_zh
from ._result import build, item, reason
from ._text import NOTE_ESTIMATE, NOTE_THRESHOLDS, text

ID = "enterprise_hiring_award"
CLAUSE = "1.2"

# 1.2: "2019年1月1日至2020年12月31日" — only hiring in these years counts.
FIRST_YEAR = 2019
LAST_YEAR = 2020

# 1.2, tier 1: state-owned 60人以上 / of whom graduates 30人以上;
# non-public 15人以上 / 10人以上; award 8万元.
STATE_OWNED_TIER1_HIRES = 60
STATE_OWNED_TIER1_GRADUATES = 30
NON_PUBLIC_TIER1_HIRES = 15
NON_PUBLIC_TIER1_GRADUATES = 10
TIER1_AWARD_YUAN = Decimal("80000")

# 1.2, tier 2: state-owned 100人以上 / 50人以上; non-public 25人以上 / 15人以上;
# award 15万元.
STATE_OWNED_TIER2_HIRES = 100
STATE_OWNED_TIER2_GRADUATES = 50
NON_PUBLIC_TIER2_HIRES = 25
NON_PUBLIC_TIER2_GRADUATES = 15
TIER2_AWARD_YUAN = Decimal("150000")

# 1.2, tier 3: state-owned 160人以上 / 80人以上; non-public 40人以上 / 25人以上;
# award 25万元.
STATE_OWNED_TIER3_HIRES = 160
STATE_OWNED_TIER3_GRADUATES = 80
NON_PUBLIC_TIER3_HIRES = 40
NON_PUBLIC_TIER3_GRADUATES = 25
TIER3_AWARD_YUAN = Decimal("250000")

# Tier numbers as the page's table writes them (第一档).
TIER_NUMERALS = {1: "一", 2: "二", 3: "三"}

# (tier number, {enterprise type: (hires, graduates)}, award), lowest first.
# The highest tier met is paid; tiers do not add up.
TIERS = (
    (1, {"state_owned": (STATE_OWNED_TIER1_HIRES, STATE_OWNED_TIER1_GRADUATES),
         "non_public": (NON_PUBLIC_TIER1_HIRES, NON_PUBLIC_TIER1_GRADUATES)},
     TIER1_AWARD_YUAN),
    (2, {"state_owned": (STATE_OWNED_TIER2_HIRES, STATE_OWNED_TIER2_GRADUATES),
         "non_public": (NON_PUBLIC_TIER2_HIRES, NON_PUBLIC_TIER2_GRADUATES)},
     TIER2_AWARD_YUAN),
    (3, {"state_owned": (STATE_OWNED_TIER3_HIRES, STATE_OWNED_TIER3_GRADUATES),
         "non_public": (NON_PUBLIC_TIER3_HIRES, NON_PUBLIC_TIER3_GRADUATES)},
     TIER3_AWARD_YUAN),
)

ENTERPRISE_TYPES = [
    F.choice("state_owned", "国有企业", "State-owned enterprise"),
    F.choice("non_public", "非公企业", "Non-public (private) enterprise"),
]
_TYPE_NAME = {c["value"]: c for c in ENTERPRISE_TYPES}

FIELDS = [
    F.choice_field(
        "enterprise_type", text("企业类型", "Type of enterprise"), ENTERPRISE_TYPES,
        help=text("国有企业和非公企业的人数门槛不同。",
                  "State-owned and non-public enterprises have different thresholds."),
    ),
    F.count_field(
        "new_local_hires",
        text("当年新增拉萨市户籍就业人数", "New employees with Lhasa household registration"),
        help=text("当年新招用、拉萨市户籍、签订1年以上劳动合同的人数（含下面的高校毕业生）。",
                  "People with Lhasa household registration hired in the year on contracts of "
                  "one year or more (graduates below included)."),
    ),
    F.count_field(
        "new_local_graduates",
        text("其中：新增拉萨籍高校毕业生人数", "Of whom: Lhasa college graduates"),
        help=text("上面人数中拉萨籍高校毕业生的人数，不能多于上面的人数。",
                  "How many of them are Lhasa college graduates; at most the number above."),
    ),
    F.year_field(
        "year", text("招用年份", "Hiring year"),
        help=text(f"政策有效期为{FIRST_YEAR}年1月1日至{LAST_YEAR}年12月31日。",
                  f"The policy runs from {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31."),
    ),
]

NOT_ABOVE = [("new_local_graduates", "new_local_hires")]

METADATA = F.metadata(
    id=ID,
    clause=CLAUSE,
    title=text("企业吸纳就业奖励", "Award for enterprises that hire local people"),
    summary=text(
        f"按企业当年新增拉萨市户籍就业人数和其中的拉萨籍高校毕业生人数，估算可获得的奖励"
        f"（{fmt_yuan_zh(TIER1_AWARD_YUAN)}、{fmt_yuan_zh(TIER2_AWARD_YUAN)}或"
        f"{fmt_yuan_zh(TIER3_AWARD_YUAN)}）。",
        f"Estimates the award ({fmt_yuan(TIER1_AWARD_YUAN)}, {fmt_yuan(TIER2_AWARD_YUAN)} or "
        f"{fmt_yuan(TIER3_AWARD_YUAN)} yuan) for an enterprise's new hires with Lhasa household "
        f"registration and the Lhasa college graduates among them.",
    ),
    applicant=text("在拉萨招用本地人员的国有企业和非公企业。",
                   "State-owned and non-public enterprises that hire local people."),
    fields=FIELDS,
    notes=[
        text("“当年新增”按当年新招用、签订1年以上劳动合同的拉萨市户籍人员计算；牵头单位会对照社会保险记录核实，"
             "当年离职的人员可能被扣除。",
             "“当年新增” is read as new hires in the year on contracts of one year or more; the "
             "lead agency checks the figures against social-insurance records and may net off "
             "people who left."),
        text("奖励对象是本区的国有企业和非公企业；集体企业等其他类型的企业方案没有写到。",
             "The award is for state-owned and non-public enterprises in the district; the plan "
             "does not cover collective or other kinds of enterprise."),
        NOTE_THRESHOLDS,
        NOTE_ESTIMATE,
    ],
    figures=[
        F.figure("first_year", FIRST_YEAR, "calendar_year",
                 text("有效期起始年份", "Validity starts"), "2019年1月1日"),
        F.figure("last_year", LAST_YEAR, "calendar_year",
                 text("有效期截止年份", "Validity ends"), "2020年12月31日"),
        F.figure("state_owned_tier1_hires", STATE_OWNED_TIER1_HIRES, "people",
                 text("国有企业第一档：新增就业人数", "State-owned, tier 1: new hires"), "60人"),
        F.figure("state_owned_tier1_graduates", STATE_OWNED_TIER1_GRADUATES, "people",
                 text("国有企业第一档：其中高校毕业生", "State-owned, tier 1: graduates"), "30人"),
        F.figure("non_public_tier1_hires", NON_PUBLIC_TIER1_HIRES, "people",
                 text("非公企业第一档：新增就业人数", "Non-public, tier 1: new hires"), "15人"),
        F.figure("non_public_tier1_graduates", NON_PUBLIC_TIER1_GRADUATES, "people",
                 text("非公企业第一档：其中高校毕业生", "Non-public, tier 1: graduates"), "10人"),
        F.figure("tier1_award_yuan", TIER1_AWARD_YUAN, "yuan",
                 text("第一档奖励", "Tier 1 award"), "8万元"),
        F.figure("state_owned_tier2_hires", STATE_OWNED_TIER2_HIRES, "people",
                 text("国有企业第二档：新增就业人数", "State-owned, tier 2: new hires"), "100人"),
        F.figure("state_owned_tier2_graduates", STATE_OWNED_TIER2_GRADUATES, "people",
                 text("国有企业第二档：其中高校毕业生", "State-owned, tier 2: graduates"), "50人"),
        F.figure("non_public_tier2_hires", NON_PUBLIC_TIER2_HIRES, "people",
                 text("非公企业第二档：新增就业人数", "Non-public, tier 2: new hires"), "25人"),
        F.figure("non_public_tier2_graduates", NON_PUBLIC_TIER2_GRADUATES, "people",
                 text("非公企业第二档：其中高校毕业生", "Non-public, tier 2: graduates"), "15人"),
        F.figure("tier2_award_yuan", TIER2_AWARD_YUAN, "yuan",
                 text("第二档奖励", "Tier 2 award"), "15万元"),
        F.figure("state_owned_tier3_hires", STATE_OWNED_TIER3_HIRES, "people",
                 text("国有企业第三档：新增就业人数", "State-owned, tier 3: new hires"), "160人"),
        F.figure("state_owned_tier3_graduates", STATE_OWNED_TIER3_GRADUATES, "people",
                 text("国有企业第三档：其中高校毕业生", "State-owned, tier 3: graduates"), "80人"),
        F.figure("non_public_tier3_hires", NON_PUBLIC_TIER3_HIRES, "people",
                 text("非公企业第三档：新增就业人数", "Non-public, tier 3: new hires"), "40人"),
        F.figure("non_public_tier3_graduates", NON_PUBLIC_TIER3_GRADUATES, "people",
                 text("非公企业第三档：其中高校毕业生", "Non-public, tier 3: graduates"), "25人"),
        F.figure("tier3_award_yuan", TIER3_AWARD_YUAN, "yuan",
                 text("第三档奖励", "Tier 3 award"), "25万元"),
    ],
    examples=[
        {"enterprise_type": "non_public", "new_local_hires": 16,
         "new_local_graduates": 10, "year": 2019},
        {"enterprise_type": "state_owned", "new_local_hires": 120,
         "new_local_graduates": 45, "year": 2020},
        {"enterprise_type": "non_public", "new_local_hires": 30,
         "new_local_graduates": 20, "year": 2021},
    ],
)


def _tier_sentence(number, enterprise_type, hires, graduates, award):
    kind = _TYPE_NAME[enterprise_type]
    return (
        f"第{TIER_NUMERALS[number]}档：{kind['zh']}当年新增拉萨市户籍就业{hires}人以上，"
        f"其中拉萨籍高校毕业生{graduates}人以上，奖励{fmt_yuan_zh(award)}",
        f"tier {number}: a {kind['en'].lower()} with {hires} or more new hires with Lhasa "
        f"household registration, {graduates} or more of them Lhasa college graduates, "
        f"gets {fmt_yuan(award)} yuan",
    )


def compute(values):
    enterprise_type = values["enterprise_type"]
    hires = values["new_local_hires"]
    graduates = values["new_local_graduates"]
    year = values["year"]

    reasons = []
    year_ok = FIRST_YEAR <= year <= LAST_YEAR
    if not year_ok:
        reasons.append(reason(
            f"只有{FIRST_YEAR}年和{LAST_YEAR}年的新增就业可以申请（有效期{FIRST_YEAR}年1月1日至"
            f"{LAST_YEAR}年12月31日），{year}年不在有效期内。",
            f"Only hiring in {FIRST_YEAR} or {LAST_YEAR} qualifies (the policy runs from "
            f"{FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31); {year} is outside that period.",
        ))

    met = None
    for number, thresholds, award in TIERS:
        need_hires, need_graduates = thresholds[enterprise_type]
        if hires >= need_hires and graduates >= need_graduates:
            met = (number, need_hires, need_graduates, award)

    if met is None:
        _, thresholds, award = TIERS[0]
        need_hires, need_graduates = thresholds[enterprise_type]
        zh, en = _tier_sentence(1, enterprise_type, need_hires, need_graduates, award)
        reasons.append(reason(
            f"未达到最低档（{zh}）。本次新增{fmt_number(hires)}人，其中高校毕业生"
            f"{fmt_number(graduates)}人；两个人数都要达到。",
            f"The lowest tier is not met ({en}). Entered: {fmt_number(hires)} new hires, "
            f"{fmt_number(graduates)} of them graduates; both numbers must be reached.",
        ))
    else:
        number, need_hires, need_graduates, award = met
        zh, en = _tier_sentence(number, enterprise_type, need_hires, need_graduates, award)
        if year_ok:
            reasons.append(reason(
                f"达到{zh}。各档不累加，按达到的最高档给予。",
                f"Meets {en}. Tiers do not add up: the highest tier met is paid.",
            ))
        else:
            reasons.append(reason(
                f"人数达到{zh}，但招用年份不在有效期内，不能申请。",
                f"The numbers meet {en}, but the hiring year is outside the validity period, "
                f"so no award applies.",
            ))
        if number < len(TIERS) and year_ok:
            next_number, thresholds, next_award = TIERS[number]
            next_hires, next_graduates = thresholds[enterprise_type]
            reasons.append(reason(
                f"下一档需要新增{next_hires}人以上、其中高校毕业生{next_graduates}人以上"
                f"（奖励{fmt_yuan_zh(next_award)}）。",
                f"The next tier needs {next_hires} or more new hires, {next_graduates} or more "
                f"of them graduates ({fmt_yuan(next_award)} yuan).",
            ))

    eligible = year_ok and met is not None
    items = []
    if eligible:
        number, _, _, award = met
        items.append(item(f"tier{number}_award", f"第{TIER_NUMERALS[number]}档奖励", f"Tier {number} award", award))
    return build(METADATA, eligible, items, reasons)
