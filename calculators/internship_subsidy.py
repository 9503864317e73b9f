"""Clause 2.3 (二（三）): internship (就业见习) subsidy to the host employer."""

from decimal import Decimal

from . import _fields as F
from ._money import fmt_number, fmt_percent, fmt_yuan, fmt_yuan_zh, round_yuan
from ._result import build, item, reason
from ._text import NOTE_ESTIMATE, NOTE_REGION, NOTE_THRESHOLDS, text

ID = "internship_subsidy"
CLAUSE = "2.3"

# 2.3: "组织参加3-12个月的就业见习" — shorter internships do not qualify,
# longer ones are paid for 12 months.
MIN_MONTHS = 3
MAX_PAID_MONTHS = 12
# 2.3: "见习期满留用率达到50%以上" ...
RETENTION_RATIO = Decimal("0.5")
# ... "见习补贴标准提高25%".
RETENTION_RAISE_RATIO = Decimal("0.25")

FIELDS = [
    F.count_field(
        "interns", text("见习人数", "Interns"), min=1,
        help=text("见习期满的离校未就业高校毕业生或16-24岁未就业青年人数（留用率按见习期满的人数计算）。",
                  "Unemployed graduates who have left school, or unemployed young people "
                  "aged 16-24, who completed the internship (the share kept on is measured "
                  "against them)."),
    ),
    F.months_field(
        "months", text("每人见习月数", "Internship length per intern"),
        help=text(f"见习期{MIN_MONTHS}-{MAX_PAID_MONTHS}个月；超过{MAX_PAID_MONTHS}个月的按"
                  f"{MAX_PAID_MONTHS}个月计。",
                  f"Internships last {MIN_MONTHS}-{MAX_PAID_MONTHS} months; longer ones are paid "
                  f"for {MAX_PAID_MONTHS}."),
    ),
    F.money_field(
        "monthly_min_wage_yuan", text("自治区月最低工资标准", "Regional monthly minimum wage"),
        unit=F.UNIT_YUAN_PER_MONTH, max=F.MONTHLY_WAGE_MAX,
        default_parameter="regional_monthly_minimum_wage",
        help=text("默认值为已记录的最新标准，可能已有更新的调整。",
                  "The default is the latest figure on record; a newer adjustment may exist."),
    ),
    F.count_field(
        "retained", text("见习期满留用人数", "Interns kept on"),
        help=text("见习期满后留用、并签订1年以上劳动合同的人数。",
                  "Interns kept on after the internship with contracts of one year or more."),
    ),
]

NOT_ABOVE = [("retained", "interns")]

METADATA = F.metadata(
    id=ID,
    clause=CLAUSE,
    title=text("就业见习补贴", "Internship subsidy"),
    summary=text(
        "按自治区月最低工资标准估算用人单位可获得的就业见习补贴，留用率达标时补贴标准提高。",
        "Estimates the internship subsidy an employer receives, at the regional monthly "
        "minimum wage, raised when enough interns are kept on.",
    ),
    applicant=text("接收见习人员的用人单位。", "Employers that host interns."),
    fields=FIELDS,
    notes=[
        text("见习人员为离校未就业高校毕业生或16-24岁未就业青年；适用于2019年1月1日起的见习。",
             "Interns are unemployed young people aged 16-24 or unemployed graduates who have "
             "left school; internships from 2019-01-01 on."),
        text(f"方案组织的是{MIN_MONTHS}-{MAX_PAID_MONTHS}个月的见习；计算器把不足{MIN_MONTHS}个月的见习读作"
             f"不补贴，这是本站的理解：牵头单位可能按实际见习月数补贴，请向其确认。",
             f"The plan organises internships of {MIN_MONTHS}-{MAX_PAID_MONTHS} months; the "
             f"calculator reads an internship shorter than {MIN_MONTHS} months as not paid. "
             f"That is our reading: the lead agency may pay for the months actually served, "
             f"so ask it."),
        text("留用率（见习期满留用率）按见习期满的人数计算；填写的见习人数应是见习期满的人数。",
             "The share kept on (见习期满留用率) is measured against the interns who completed "
             "the internship: enter those as the number of interns."),
        NOTE_REGION,
        NOTE_THRESHOLDS,
        NOTE_ESTIMATE,
    ],
    figures=[
        F.figure("min_months", MIN_MONTHS, "months",
                 text("最短见习期", "Shortest internship"), "3-12个月"),
        F.figure("max_paid_months", MAX_PAID_MONTHS, "months",
                 text("最长补贴月数", "Longest paid internship"), "3-12个月"),
        F.figure("retention_ratio", RETENTION_RATIO, "percent",
                 text("留用率要求", "Share of interns kept on"), "50%"),
        F.figure("retention_raise_ratio", RETENTION_RAISE_RATIO, "percent",
                 text("补贴标准提高比例", "Raise in the subsidy"), "25%"),
    ],
    examples=[
        {"interns": 10, "months": 6, "retained": 5},
        {"interns": 4, "months": 12, "retained": 1},
        {"interns": 3, "months": 2, "retained": 0},
    ],
)


def compute(values):
    interns = values["interns"]
    months = values["months"]
    wage = values["monthly_min_wage_yuan"]
    retained = values["retained"]

    if months < MIN_MONTHS:
        return build(METADATA, False, [], [reason(
            f"方案组织的是{MIN_MONTHS}-{MAX_PAID_MONTHS}个月的见习；本站把不足{MIN_MONTHS}个月"
            f"（填写的是{fmt_number(months)}个月）的见习理解为不补贴，所以没有计算金额。这只是本站的理解："
            f"牵头单位可能按实际见习月数补贴，是否补贴由区人社局决定，请向区人社局咨询（人社服务热线12333）。",
            f"The plan organises internships of {MIN_MONTHS}-{MAX_PAID_MONTHS} months; this site "
            f"reads an internship shorter than {MIN_MONTHS} months ({fmt_number(months)} entered) "
            f"as not paid, so it computed nothing. That is only our reading: the lead agency may "
            f"pay for the months actually served; the district HR and social security bureau "
            f"decides, so ask it (HR hotline 12333).",
        )])

    paid_months = min(months, MAX_PAID_MONTHS)
    base = interns * paid_months * wage
    reasons = [reason(
        f"按自治区月最低工资标准{fmt_yuan_zh(wage)}/月 × {paid_months}个月 × "
        f"{fmt_number(interns)}人 = {fmt_yuan_zh(base)}。",
        f"At the regional monthly minimum wage: {fmt_yuan(wage)} yuan a month × "
        f"{paid_months} month(s) × {fmt_number(interns)} intern(s) = {fmt_yuan(base)} yuan.",
    )]
    if months > MAX_PAID_MONTHS:
        reasons.append(reason(
            f"见习期最长按{MAX_PAID_MONTHS}个月计算（填写的是{fmt_number(months)}个月）。",
            f"At most {MAX_PAID_MONTHS} months are paid ({fmt_number(months)} entered).",
        ))

    items = [item("base_subsidy", "见习补贴", "Internship subsidy", base)]
    share = Decimal(retained) / Decimal(interns)
    # Compared by multiplication, exactly: retained >= 50% of interns.
    if Decimal(retained) >= RETENTION_RATIO * interns:
        raised = base * (1 + RETENTION_RAISE_RATIO)
        # The raise is the rounded raised total less the rounded base, so the
        # two lines add up to the raised standard rounded once.
        items.append(item("retention_raise", "留用率达标提高的补贴",
                          "Raise for keeping interns on",
                          round_yuan(raised) - round_yuan(base)))
        reasons.append(reason(
            f"留用{fmt_number(retained)}人，留用率{fmt_percent(share)}%，达到"
            f"{fmt_percent(RETENTION_RATIO)}%，补贴标准提高{fmt_percent(RETENTION_RAISE_RATIO)}%。",
            f"{fmt_number(retained)} kept on is {fmt_percent(share)}%, at least "
            f"{fmt_percent(RETENTION_RATIO)}%: the standard is raised by "
            f"{fmt_percent(RETENTION_RAISE_RATIO)}%.",
        ))
    else:
        reasons.append(reason(
            f"留用{fmt_number(retained)}人，留用率{fmt_percent(share)}%，未达到"
            f"{fmt_percent(RETENTION_RATIO)}%，补贴标准不提高。",
            f"{fmt_number(retained)} kept on is {fmt_percent(share)}%, below "
            f"{fmt_percent(RETENTION_RATIO)}%: the standard is not raised.",
        ))
    return build(METADATA, True, items, reasons)
