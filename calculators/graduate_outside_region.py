"""Clause 3.1 (三（一）): allowances for the region's minority college
graduates who take jobs with enterprises outside the region."""

from decimal import Decimal

from . import _fields as F
from ._money import fmt_number, fmt_yuan, fmt_yuan_zh
from ._result import build, by_year, item, reason
from ._text import NOTE_ESTIMATE, NOTE_REGION, NOTE_THRESHOLDS, text

ID = "graduate_outside_region"
CLAUSE = "3.1"

# 3.1: "2019年1月1日起" — employment beginning on or after this year.
FIRST_START_YEAR = 2019
ZERO_YUAN = Decimal(0)
# 3.1: "签订3年以上劳动合同或聘用协议(含按年累计满3年)".
MIN_CONTRACT_YEARS = Decimal("3")
# 3.1: "给予每人8000元一次性安家补贴".
SETTLEMENT_ALLOWANCE_YUAN = Decimal("8000")
# 3.1: living and housing allowances, each the local minimum wage per month,
# "补贴时间不超过5年".
LIVING_HOUSING_MAX_YEARS = 5
MONTHS_PER_YEAR = 12
# 3.1: "发放探亲路费补贴,每人每年6000元,补贴时间不超过3年".
FAMILY_VISIT_YUAN_PER_YEAR = Decimal("6000")
FAMILY_VISIT_MAX_YEARS = 3

FIELDS = [
    F.bool_field(
        "minority_graduate_from_region",
        text("是我区少数民族高校毕业生", "Minority college graduate from the region"),
        help=text("西藏自治区的少数民族高校毕业生。",
                  "A minority college graduate from the Tibet Autonomous Region."),
    ),
    F.number_field(
        "contract_years", text("劳动合同或聘用协议年限", "Contract length"),
        min=0, max=F.YEARS_MAX, unit=F.UNIT_YEARS,
        help=text("与区外企业签订的劳动合同或聘用协议年限；按年签订的，填写累计年限（含按年累计满3年）。",
                  "The length of the contract with the enterprise outside the region; with "
                  "yearly contracts, the years they add up to (contracts adding up to 3 years "
                  "count)."),
    ),
    F.years_field(
        "years", text("计算的就业年数", "Years of employment to count"),
        help=text(f"生活和住房补贴最多{LIVING_HOUSING_MAX_YEARS}年，探亲路费补贴最多"
                  f"{FAMILY_VISIT_MAX_YEARS}年。",
                  f"Living and housing allowances for at most {LIVING_HOUSING_MAX_YEARS} "
                  f"years, family-visit travel for at most {FAMILY_VISIT_MAX_YEARS}."),
    ),
    F.money_field(
        "local_monthly_min_wage_yuan",
        text("当地月最低工资标准（本站理解为就业所在地）",
             "Local monthly minimum wage (read here as where the graduate works)"),
        unit=F.UNIT_YUAN_PER_MONTH, max=F.MONTHLY_WAGE_MAX,
        help=text("方案写的是“当地当年最低工资标准”，没有写明“当地”指哪里；本站理解为毕业生就业所在地，"
                  "请向区人社局确认。就业所在地的月最低工资标准由当地省级人民政府公布：可在当地人力资源和"
                  "社会保障厅（局）网站搜索“最低工资标准”，或在当地拨打12333咨询。同一省内各地的标准"
                  "可能分几档，请填写就业所在城市、开始就业那一年的一档。",
                  "The plan says “当地当年最低工资标准” (the local minimum wage of the year) without "
                  "saying which place is meant; this site reads it as the place where the graduate "
                  "works: check with the district HR and social security bureau. That place's "
                  "monthly minimum wage is published by its provincial government: search its "
                  "human resources and social security department's website for “最低工资标准” "
                  "(minimum wage), or call 12333 there. A province may have several bands for "
                  "different areas: enter the one for the city where the graduate works, in the "
                  "year employment began."),
    ),
    F.year_field("start_year", text("开始就业年份", "Year employment began")),
]

NOT_ABOVE = []

METADATA = F.metadata(
    id=ID,
    clause=CLAUSE,
    title=text("高校毕业生区外就业补贴", "Allowances for graduates working outside the region"),
    summary=text(
        "估算我区少数民族高校毕业生到区外企业就业可获得的安家、生活、住房和探亲路费补贴。",
        "Estimates the settlement, living, housing and family-visit allowances for the "
        "region's minority college graduates working for enterprises outside the region.",
    ),
    applicant=text("到区外企业就业的我区少数民族高校毕业生。",
                   "Minority college graduates from the region working for enterprises "
                   "outside it."),
    fields=FIELDS,
    notes=[
        text("区外用人单位为企业；补贴按当地当年最低工资标准发放，计算器对每一年都使用填写的同一个标准。",
             "The employer outside the region is an enterprise; the allowances follow each "
             "year's local minimum wage (当地当年), and the calculator uses the one figure "
             "entered for every year."),
        text("“2019年1月1日起”读作2019年1月1日及以后开始的就业；2019年以前开始就业、2019年仍在区外就业的，"
             "请向牵头单位询问能否从2019年起享受。按年签订合同、累计满3年的（含按年累计满3年）也符合条件。"
             "申请地点请向牵头单位区人社局咨询。",
             "“2019年1月1日起” is read as employment starting on or after 2019-01-01; someone who "
             "started earlier and still works outside the region in 2019 should ask the lead "
             "agency whether the allowances apply from 2019. Yearly contracts that add up to 3 "
             "years (按年累计满3年) count. Ask the lead agency, the district HR and social security "
             "bureau, where to apply."),
        text("“按照当地当年最低工资标准分别给予每人每月生活补贴和住房补贴”按原文理解为生活补贴和住房补贴"
             "各为每月一份最低工资标准；如自治区的实施细则另有规定（例如按一定比例发放），以区人社局的说明为准。",
             "“按照当地当年最低工资标准分别给予每人每月生活补贴和住房补贴” is read as written: the living "
             "allowance and the housing allowance are each one month's minimum wage a month; if the "
             "region's implementing rules say otherwise (a share of it, for example), the district HR "
             "and social security bureau's word applies."),
        text("下面算例中的月最低工资标准（如每月2280元）是本站为举例选的数字，不是任何地方的实际标准。",
             "The minimum wages in the worked examples below (such as 2,280 yuan a month) are "
             "figures this site chose for the examples, not any place's actual rate."),
        NOTE_REGION,
        NOTE_THRESHOLDS,
        NOTE_ESTIMATE,
    ],
    figures=[
        F.figure("first_start_year", FIRST_START_YEAR, "calendar_year",
                 text("开始就业的最早年份（本站的理解）", "Earliest start of employment (our reading)"),
                 "2019年1月1日起"),
        F.figure("min_contract_years", MIN_CONTRACT_YEARS, "years",
                 text("劳动合同最短年限", "Shortest contract"), "3年以上"),
        F.figure("settlement_allowance_yuan", SETTLEMENT_ALLOWANCE_YUAN, "yuan_per_person",
                 text("一次性安家补贴", "One-time settlement allowance"), "8000元"),
        F.figure("living_housing_max_years", LIVING_HOUSING_MAX_YEARS, "years",
                 text("生活和住房补贴最长年限", "Living and housing allowances: longest"),
                 "不超过5年"),
        F.figure("family_visit_yuan_per_year", FAMILY_VISIT_YUAN_PER_YEAR,
                 "yuan_per_year",
                 text("探亲路费补贴", "Family-visit travel allowance"), "6000元"),
        F.figure("family_visit_max_years", FAMILY_VISIT_MAX_YEARS, "years",
                 text("探亲路费补贴最长年限", "Family-visit travel allowance: longest"),
                 "不超过3年"),
    ],
    examples=[
        {"minority_graduate_from_region": True, "contract_years": 3, "years": 5,
         "local_monthly_min_wage_yuan": 2280, "start_year": 2019},
        {"minority_graduate_from_region": True, "contract_years": 2, "years": 2,
         "local_monthly_min_wage_yuan": 2000, "start_year": 2020},
        {"minority_graduate_from_region": True, "contract_years": 5, "years": 3,
         "local_monthly_min_wage_yuan": 1900, "start_year": 2018},
    ],
)


def compute(values):
    reasons = []
    eligible = True
    if not values["minority_graduate_from_region"]:
        eligible = False
        reasons.append(reason(
            "本补贴只给予我区（西藏自治区）少数民族高校毕业生。",
            "Only minority college graduates from the region (Tibet) qualify.",
        ))
    contract_years = values["contract_years"]
    if contract_years < MIN_CONTRACT_YEARS:
        eligible = False
        reasons.append(reason(
            f"需签订{fmt_number(MIN_CONTRACT_YEARS)}年以上劳动合同或聘用协议（或按年累计满"
            f"{fmt_number(MIN_CONTRACT_YEARS)}年），填写的是{fmt_number(contract_years)}年。",
            f"A contract of {fmt_number(MIN_CONTRACT_YEARS)} years or more (or "
            f"{fmt_number(MIN_CONTRACT_YEARS)} years' cumulative employment) is needed; "
            f"{fmt_number(contract_years)} was entered.",
        ))
    start_year = values["start_year"]
    if start_year < FIRST_START_YEAR:
        eligible = False
        reasons.append(reason(
            f"方案写的是“{FIRST_START_YEAR}年1月1日起”，没有写明{FIRST_START_YEAR}年以前开始就业、"
            f"{FIRST_START_YEAR}年以后仍在区外就业的能否享受。本站的理解是只计{FIRST_START_YEAR}年1月1日起"
            f"开始的就业，所以没有计算{start_year}年开始的就业的金额；这只是本站的理解，能否享受、"
            f"从哪一年起享受，由牵头单位区人社局决定，请向区人社局咨询（人社服务热线12333）。",
            f"The plan says “from {FIRST_START_YEAR}-01-01” and does not say whether employment "
            f"that began before {FIRST_START_YEAR} and continues after it counts. This site reads "
            f"it as employment that began on or after {FIRST_START_YEAR}-01-01, so it computed "
            f"nothing for employment that began in {start_year}. That is only our reading: the "
            f"lead agency, the district HR and social security bureau, decides whether and from "
            f"which year the allowances apply, so ask it (HR hotline 12333).",
        ))
    if not eligible:
        return build(METADATA, False, [], reasons)

    years = values["years"]
    wage = values["local_monthly_min_wage_yuan"]
    allowance_years = min(years, LIVING_HOUSING_MAX_YEARS)
    visit_years = min(years, FAMILY_VISIT_MAX_YEARS)
    monthly_allowance = wage * MONTHS_PER_YEAR * allowance_years
    items = [
        item("settlement_allowance", "一次性安家补贴", "One-time settlement allowance",
             SETTLEMENT_ALLOWANCE_YUAN),
        item("living_allowance", "生活补贴", "Living allowance", monthly_allowance),
        item("housing_allowance", "住房补贴", "Housing allowance", monthly_allowance),
        item("family_visit_allowance", "探亲路费补贴", "Family-visit travel allowance",
             FAMILY_VISIT_YUAN_PER_YEAR * visit_years),
    ]
    reasons.append(reason(
        f"符合条件：一次性安家补贴{fmt_yuan_zh(SETTLEMENT_ALLOWANCE_YUAN)}；生活补贴和住房补贴各按"
        f"当地月最低工资标准{fmt_yuan_zh(wage)}/月计{allowance_years}年"
        f"（最多{LIVING_HOUSING_MAX_YEARS}年），各{fmt_yuan_zh(monthly_allowance)}；"
        f"探亲路费补贴每年{fmt_yuan_zh(FAMILY_VISIT_YUAN_PER_YEAR)}计{visit_years}年"
        f"（最多{FAMILY_VISIT_MAX_YEARS}年）。",
        f"Eligible: a one-time settlement allowance of {fmt_yuan(SETTLEMENT_ALLOWANCE_YUAN)} "
        f"yuan; living and housing allowances each at the local minimum wage of "
        f"{fmt_yuan(wage)} yuan a month for {allowance_years} year(s) (at most "
        f"{LIVING_HOUSING_MAX_YEARS}), {fmt_yuan(monthly_allowance)} yuan each; family-visit "
        f"travel of {fmt_yuan(FAMILY_VISIT_YUAN_PER_YEAR)} yuan a year for {visit_years} "
        f"year(s) (at most {FAMILY_VISIT_MAX_YEARS}).",
    ))
    yearly = []
    for year in range(1, max(allowance_years, visit_years) + 1):
        amount = ZERO_YUAN
        if year == 1:
            amount += SETTLEMENT_ALLOWANCE_YUAN
        if year <= allowance_years:
            amount += 2 * wage * MONTHS_PER_YEAR
        if year <= visit_years:
            amount += FAMILY_VISIT_YUAN_PER_YEAR
        yearly.append(amount)
    total = sum((line["yuan"] for line in items), ZERO_YUAN)
    return build(METADATA, True, items, reasons, by_year=by_year(yearly, total))
