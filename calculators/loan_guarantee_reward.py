"""Clause 2.1 (二（一）), last sentence: reward to guarantee-fund operators."""

from decimal import Decimal

from . import _fields as F
from ._money import fmt_percent, fmt_yuan, fmt_yuan_zh
from ._result import build, item, reason
from ._text import NOTE_ESTIMATE, text

ID = "loan_guarantee_reward"
CLAUSE = "2.1"

# 2.1: "按当年新发放创业担保贷款总额的1%给予奖励".
REWARD_RATIO = Decimal("0.01")

FIELDS = [
    F.money_field(
        "new_loans_total_yuan",
        text("当年新发放创业担保贷款总额", "New startup guaranteed loans issued this year"),
        help=text("本单位工作覆盖的地区当年新发放的创业担保贷款总额（由经办银行发放、担保基金担保）。",
                  "The total of new startup guaranteed loans issued in the year in the area "
                  "your unit's work covers (lent by the banks, guaranteed by the fund)."),
    ),
]

NOT_ABOVE = []

METADATA = F.metadata(
    id=ID,
    clause=CLAUSE,
    title=text("创业担保贷款工作奖励", "Reward for startup loan guarantee operators"),
    summary=text(
        f"按当年新发放创业担保贷款总额的{fmt_percent(REWARD_RATIO)}%估算奖励金额。",
        f"Estimates the reward of {fmt_percent(REWARD_RATIO)}% of the new startup guaranteed "
        f"loans issued in the year.",
    ),
    applicant=text("创业担保贷款工作成效突出的创业担保基金运营管理机构等单位（按全国做法，也包括经办银行；"
                   "奖励资金由自治区财政安排）。",
                   "Guarantee-fund operators and other units (等单位) whose startup-loan work is judged "
                   "outstanding (as in the national scheme, lending banks too; paid by the "
                   "autonomous region's finance department)."),
    fields=FIELDS,
    notes=[
        text("奖励只给予创业担保贷款工作成效突出的单位；计算器显示的是获得奖励时最多的金额。"
             "按全国做法，这1%是一笔奖励资金，可能由担保基金运营管理机构、经办银行等几家单位分享。",
             "The reward goes only to units whose work is judged outstanding (工作成效突出); "
             "the calculator shows the most it can be if the reward is granted. As in the "
             "national scheme, the 1% is a pool that may be shared among fund operators, "
             "lending banks and other units (等单位)."),
        NOTE_ESTIMATE,
    ],
    figures=[
        F.figure("reward_ratio", REWARD_RATIO, "percent",
                 text("奖励比例（占新发放贷款总额）", "Reward as a share of new loans"), "1%"),
    ],
    eligible_verdict=text("如获评工作成效突出", "If the work is judged outstanding"),
    examples=[
        {"new_loans_total_yuan": 25000000},
        {"new_loans_total_yuan": 0},
    ],
)


def compute(values):
    total = values["new_loans_total_yuan"]
    if total <= 0:
        return build(METADATA, False, [], [reason(
            "当年没有新发放创业担保贷款，没有奖励。",
            "No new startup guaranteed loans were issued in the year, so there is no reward.",
        )])
    reward = total * REWARD_RATIO
    return build(
        METADATA, True,
        [item("reward", "工作奖励（最多，可能由几家单位分享）",
              "Reward (at most, possibly shared)", reward)],
        [reason(
            f"按当年新发放创业担保贷款总额{fmt_yuan_zh(total)}的{fmt_percent(REWARD_RATIO)}%计算，奖励{fmt_yuan_zh(reward)}；"
            f"奖励只给予工作成效突出的单位（方案没有写明由谁认定，请向区财政局咨询），"
            f"并可能由几家单位分享，由自治区财政安排。",
            f"{fmt_percent(REWARD_RATIO)}% of the {fmt_yuan(total)} yuan of new loans issued in the year: "
            f"at most {fmt_yuan(reward)} yuan, paid only if the unit's work is judged outstanding "
            f"(the plan does not say who judges: ask the district finance bureau), and possibly "
            f"shared among several units; the autonomous region's finance department pays it.",
        )],
        total_is_ceiling=True,
    )
