"""Clause 2.2 (二（二）): business premises for unemployed people starting
their own business."""

from decimal import Decimal

from . import _fields as F
from ._money import fmt_number, fmt_yuan, fmt_yuan_zh, round_yuan
from ._result import build, by_year, item, reason
from ._text import NOTE_ESTIMATE, NOTE_THRESHOLDS, text

ID = "venue_subsidy"
CLAUSE = "2.2"

# 2.2: government-built premises: "3年内免收场地租金和水电费".
GOVERNMENT_WAIVER_YEARS = 3
# 2.2: other premises: "自主创业且正常经营6个月以上的" ...
PRIVATE_MIN_MONTHS_OPERATING = 6
# ... "每年最高不超过1.2万元" ...
PRIVATE_ANNUAL_CAP_YUAN = Decimal("12000")
# ... "补贴时间原则上不超过3年" ...
PRIVATE_STANDARD_YEARS = 3
# ... "超过3年确有困难的,可以继续提供不超过1年补贴支持".
PRIVATE_EXTENSION_YEARS = 1

VENUE_TYPES = [
    F.choice("government", "政府投资建设的场地（摊位）", "Premises built with government money"),
    F.choice("private", "非政府投资建设的场地（摊位）", "Other (privately built) premises"),
]

FIELDS = [
    F.choice_field("venue_type", text("租赁的场地类型", "Premises rented"), VENUE_TYPES),
    F.money_field(
        "annual_rent_and_utilities_yuan",
        text("每年场地租金和水电费", "Rent and utilities per year"), unit=F.UNIT_YUAN_PER_YEAR,
    ),
    F.months_field(
        "months_operating", text("已正常经营月数", "Months of normal operation so far"),
        help=text(f"租赁非政府投资建设场地的，需正常经营{PRIVATE_MIN_MONTHS_OPERATING}个月以上。",
                  f"Other premises: the business must have operated normally for "
                  f"{PRIVATE_MIN_MONTHS_OPERATING} months or more."),
        applies_when=F.when("venue_type", "private"),
    ),
    F.years_field(
        "years", text("申请补贴的年数", "Years claimed"),
        help=text(f"想估算几年的免收或补贴，就填几年（整数）：例如只算第一年填1，算满原则上的"
                  f"{PRIVATE_STANDARD_YEARS}年填{PRIVATE_STANDARD_YEARS}。这与已经营业多久无关："
                  f"已正常经营的月数填在上一栏。",
                  f"How many years of waiver or subsidy to estimate, as a whole number: 1 for the "
                  f"first year only, {PRIVATE_STANDARD_YEARS} for the usual "
                  f"{PRIVATE_STANDARD_YEARS} years. This is not how long you have been trading: "
                  f"months of operation have their own field."),
    ),
    F.bool_field(
        "hardship_extension",
        text(f"超过{PRIVATE_STANDARD_YEARS}年后确有困难",
             f"Real hardship after {PRIVATE_STANDARD_YEARS} years"),
        help=text(f"确有困难的，{PRIVATE_STANDARD_YEARS}年后可以继续补贴不超过"
                  f"{PRIVATE_EXTENSION_YEARS}年。",
                  f"With real hardship, support may continue for up to "
                  f"{PRIVATE_EXTENSION_YEARS} more year(s)."),
        required=False, default=False,
        applies_when=F.when("venue_type", "private"),
    ),
]

NOT_ABOVE = []

METADATA = F.metadata(
    id=ID,
    clause=CLAUSE,
    title=text("创业经营场地支持", "Business premises support"),
    summary=text(
        "估算失业人员自主创业租赁经营场地可免收或补贴的租金（房租）和水电费。",
        "Estimates the rent and utilities waived or subsidised (a rent subsidy) for unemployed "
        "people who rent premises to start their own business.",
    ),
    applicant=text("自主创业的失业人员。", "Unemployed people starting their own business."),
    fields=FIELDS,
    notes=[
        text("本条适用于失业人员自主创业。",
             "This clause is for unemployed people starting their own business "
             "(失业人员自主创业)."),
        text(f"非政府投资建设的场地：方案只规定每年最高不超过{fmt_yuan_zh(PRIVATE_ANNUAL_CAP_YUAN)}，"
             f"没有规定补贴比例，所以结果是“最多”可得的金额；补贴是否包括正常经营满"
             f"{PRIVATE_MIN_MONTHS_OPERATING}个月之前的时间，由牵头单位决定。",
             f"Other premises: the plan fixes only the ceiling of {fmt_yuan(PRIVATE_ANNUAL_CAP_YUAN)} "
             f"yuan a year, not the share paid, so the result is the most you could receive; "
             f"whether the first {PRIVATE_MIN_MONTHS_OPERATING} months of operation are paid is "
             f"for the lead agency to decide."),
        text("政府投资建设的场地：结果是免收的租金和水电费，不是发放的现金。",
             "Government-built premises: the result is rent and utilities waived, not cash paid."),
        NOTE_THRESHOLDS,
        NOTE_ESTIMATE,
    ],
    figures=[
        F.figure("government_waiver_years", GOVERNMENT_WAIVER_YEARS, "years",
                 text("政府投资场地免收年限", "Government premises: years waived"), "3年"),
        F.figure("private_min_months_operating", PRIVATE_MIN_MONTHS_OPERATING, "months",
                 text("非政府投资场地：正常经营月数", "Other premises: months of operation"),
                 "6个月"),
        F.figure("private_annual_cap_yuan", PRIVATE_ANNUAL_CAP_YUAN, "yuan_per_year",
                 text("非政府投资场地：补贴上限", "Other premises: at most"), "1.2万元"),
        F.figure("private_standard_years", PRIVATE_STANDARD_YEARS, "years",
                 text("非政府投资场地：补贴年限", "Other premises: years subsidised"), "3年"),
        F.figure("private_extension_years", PRIVATE_EXTENSION_YEARS, "years",
                 text("确有困难的延长年限", "Extension for real hardship"), "1年"),
    ],
    examples=[
        {"venue_type": "government", "annual_rent_and_utilities_yuan": 9600, "years": 3},
        {"venue_type": "private", "annual_rent_and_utilities_yuan": 18000,
         "months_operating": 8, "years": 4, "hardship_extension": True},
        {"venue_type": "private", "annual_rent_and_utilities_yuan": 10000,
         "months_operating": 4, "years": 1},
    ],
)


def _government(values):
    cost = values["annual_rent_and_utilities_yuan"]
    years = values["years"]
    waived_years = min(years, GOVERNMENT_WAIVER_YEARS)
    waived = cost * waived_years
    reasons = [reason(
        f"租赁政府投资建设的场地，{GOVERNMENT_WAIVER_YEARS}年内免收场地租金和水电费："
        f"{fmt_yuan_zh(cost)}/年 × {waived_years}年 = {fmt_yuan_zh(waived)}。",
        f"Government-built premises: rent and utilities are waived for up to "
        f"{GOVERNMENT_WAIVER_YEARS} years: {fmt_yuan(cost)} yuan a year × {waived_years} "
        f"year(s) = {fmt_yuan(waived)} yuan.",
    )]
    if years > GOVERNMENT_WAIVER_YEARS:
        reasons.append(reason(
            f"超过{GOVERNMENT_WAIVER_YEARS}年的部分不再免收。",
            f"Years beyond the first {GOVERNMENT_WAIVER_YEARS} are not waived.",
        ))
    items = [item("rent_and_utilities_waived", "免收的租金和水电费（不是现金）",
                  "Rent and utilities waived (not cash)", waived)]
    return build(METADATA, True, items, reasons, total_is_ceiling=False,
                 by_year=by_year([cost] * waived_years, waived))


def _private(values):
    cost = values["annual_rent_and_utilities_yuan"]
    months = values["months_operating"]
    years = values["years"]
    hardship = values["hardship_extension"]
    if months < PRIVATE_MIN_MONTHS_OPERATING:
        return build(METADATA, False, [], [reason(
            f"租赁非政府投资建设的场地，需正常经营{PRIVATE_MIN_MONTHS_OPERATING}个月以上才能申请补贴；"
            f"目前为{fmt_number(months)}个月。",
            f"For other premises the business must have operated normally for "
            f"{PRIVATE_MIN_MONTHS_OPERATING} months or more; it has {fmt_number(months)}.",
        )])

    # Each year's payment is rounded to the fen, then added up.
    per_year = round_yuan(min(cost, PRIVATE_ANNUAL_CAP_YUAN))
    standard_years = min(years, PRIVATE_STANDARD_YEARS)
    extension_years = 0
    if hardship and years > PRIVATE_STANDARD_YEARS:
        extension_years = min(years - PRIVATE_STANDARD_YEARS, PRIVATE_EXTENSION_YEARS)

    if cost > PRIVATE_ANNUAL_CAP_YUAN:
        per_year_zh = (f"每年租金和水电费{fmt_yuan_zh(cost)}，超过每年{fmt_yuan_zh(PRIVATE_ANNUAL_CAP_YUAN)}"
                       f"的上限，最多按{fmt_yuan_zh(per_year)}补贴")
        per_year_en = (f"the {fmt_yuan(cost)} yuan a year is above the cap of "
                       f"{fmt_yuan(PRIVATE_ANNUAL_CAP_YUAN)} yuan a year, so "
                       f"at most {fmt_yuan(per_year)} yuan is paid")
    else:
        per_year_zh = (f"每年最多补贴租金和水电费{fmt_yuan_zh(per_year)}"
                       f"（每年最高{fmt_yuan_zh(PRIVATE_ANNUAL_CAP_YUAN)}）")
        per_year_en = (f"up to {fmt_yuan(per_year)} yuan a year may be paid (at most "
                       f"{fmt_yuan(PRIVATE_ANNUAL_CAP_YUAN)} yuan a year)")
    reasons = [reason(
        f"已正常经营{fmt_number(months)}个月，达到{PRIVATE_MIN_MONTHS_OPERATING}个月；{per_year_zh}，"
        f"补贴{standard_years}年（原则上不超过{PRIVATE_STANDARD_YEARS}年）。",
        f"Operating normally for {fmt_number(months)} months (at least "
        f"{PRIVATE_MIN_MONTHS_OPERATING} needed); {per_year_en}, for {standard_years} year(s) "
        f"(normally at most {PRIVATE_STANDARD_YEARS}).",
    )]
    if extension_years:
        reasons.append(reason(
            f"超过{PRIVATE_STANDARD_YEARS}年确有困难，继续补贴{extension_years}年"
            f"（最多{PRIVATE_EXTENSION_YEARS}年）。",
            f"Real hardship after {PRIVATE_STANDARD_YEARS} years: {extension_years} more "
            f"year(s) (at most {PRIVATE_EXTENSION_YEARS}).",
        ))
    if years > standard_years + extension_years:
        reasons.append(reason(
            f"申请{fmt_number(years)}年，其中超出可补贴年限的部分不予补贴"
            f"（确有困难的最多{PRIVATE_STANDARD_YEARS + PRIVATE_EXTENSION_YEARS}年）。",
            f"{fmt_number(years)} years were claimed; years beyond the limit are not paid "
            f"(at most {PRIVATE_STANDARD_YEARS + PRIVATE_EXTENSION_YEARS} with real hardship).",
        ))

    items = [item("standard_years", f"补贴（{standard_years}年，最多）",
                  f"Subsidy ({standard_years} year(s), at most)",
                  per_year * standard_years)]
    if extension_years:
        items.append(item("extension_year", f"困难延长补贴（{extension_years}年，最多）",
                          f"Hardship extension ({extension_years} year(s), at most)",
                          per_year * extension_years))
    return build(METADATA, True, items, reasons, total_is_ceiling=True,
                 by_year=by_year([per_year] * (standard_years + extension_years)))


def compute(values):
    if values["venue_type"] == "government":
        return _government(values)
    return _private(values)
