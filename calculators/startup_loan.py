"""Clause 2.1 (二（一）): startup guaranteed loans and their interest subsidy."""

from decimal import Decimal

from . import _fields as F
from ._inputs import InputError, error
from ._money import ZERO, fmt_number, fmt_percent, fmt_yuan, fmt_yuan_zh
from ._result import build, by_year, item, reason
from ._text import NOTE_ESTIMATE, NOTE_THRESHOLDS, text

ID = "startup_loan"
CLAUSE = "2.1"

# 2.1: "可申请最高不超过15万元的创业担保贷款" (individuals starting a business).
INDIVIDUAL_MAX_LOAN_YUAN = Decimal("150000")
# 2.1: "高校毕业生可申请最高不超过50万元".
GRADUATE_MAX_LOAN_YUAN = Decimal("500000")
# 2.1: partnership loans add up per partner, "贷款总额不超过300万元".
PARTNERSHIP_MAX_LOAN_YUAN = Decimal("3000000")
# 2.1: "贷款期限不超过3年" (individuals, graduates and partnerships).
MAX_TERM_YEARS = 3
# The plan states no term for small-enterprise loans; the national rule that
# 2.1 follows (财金〔2018〕22号, the same 25% / 15% / 300万元) sets at most 2 years.
SMALL_ENTERPRISE_MAX_TERM_YEARS = 2
# 2.1: small enterprises may borrow "最高不超过300万元" when new eligible hires
# reach 25% of current staff ...
SMALL_ENTERPRISE_MAX_LOAN_YUAN = Decimal("3000000")
SMALL_ENTERPRISE_HIRE_RATIO = Decimal("0.25")
# 2.1: ... or 15% for enterprises with more than ("超过") 100 staff.
LARGE_ENTERPRISE_EMPLOYEES = 100
LARGE_ENTERPRISE_HIRE_RATIO = Decimal("0.15")
# 2.1: "给予财政全额贴息" — the whole interest is subsidised.
INTEREST_SUBSIDY_SHARE = Decimal("1")

APPLICANT_TYPES = [
    F.choice("individual", "个人自主创业", "Individual starting a business"),
    F.choice("graduate", "高校毕业生创业", "College graduate starting a business"),
    F.choice("partnership", "合伙创业", "Partnership"),
    F.choice("small_enterprise", "小微企业", "Small or micro enterprise"),
]

FIELDS = [
    F.choice_field("applicant_type", text("申请人类型", "Applicant"), APPLICANT_TYPES),
    F.count_field(
        "partners", text("合伙人人数", "Number of partners"), min=2,
        help=text("合伙创业的全部合伙人（至少2人）。", "All partners (at least 2)."),
        applies_when=F.when("applicant_type", "partnership"),
    ),
    F.count_field(
        "graduate_partners", text("其中：高校毕业生合伙人人数", "Of whom: college graduates"),
        help=text(f"高校毕业生合伙人每人最高{fmt_yuan_zh(GRADUATE_MAX_LOAN_YUAN)}，其他合伙人每人最高"
                  f"{fmt_yuan_zh(INDIVIDUAL_MAX_LOAN_YUAN)}，合计不超过"
                  f"{fmt_yuan_zh(PARTNERSHIP_MAX_LOAN_YUAN)}。",
                  f"Up to {fmt_yuan(GRADUATE_MAX_LOAN_YUAN)} yuan per graduate partner and "
                  f"{fmt_yuan(INDIVIDUAL_MAX_LOAN_YUAN)} per other partner, "
                  f"{fmt_yuan(PARTNERSHIP_MAX_LOAN_YUAN)} in all."),
        applies_when=F.when("applicant_type", "partnership"),
    ),
    F.count_field(
        "current_employees", text("现有在职职工人数", "Staff on the payroll now"), min=1,
        help=text("现有在职职工总数，包括当年新招用的人员。",
                  "All staff on the payroll now, new hires included."),
        applies_when=F.when("applicant_type", "small_enterprise"),
    ),
    F.count_field(
        "new_eligible_hires",
        text("当年新招用符合条件人员人数", "New eligible hires this year"),
        help=text("当年新招用、符合创业担保贷款申请条件并签订1年以上劳动合同的人数。",
                  "New hires this year who meet the loan conditions and signed contracts "
                  "of one year or more."),
        applies_when=F.when("applicant_type", "small_enterprise"),
    ),
    F.money_field(
        "loan_yuan", text("申请贷款金额", "Loan applied for"), required=False,
        help=text("不填则按最高额度计算。", "Leave blank to use the maximum."),
    ),
    F.number_field(
        "annual_rate_percent", text("贷款年利率", "Annual interest rate"),
        min=0, max=100, unit=F.UNIT_PERCENT, required=False, default=0,
        help=text("合同约定的年利率，例如4.35；不填则只显示可申请的最高贷款额度。",
                  "The loan's annual rate, e.g. 4.35; leave blank to see only the largest loan "
                  "you can apply for."),
    ),
    F.number_field(
        "term_years", text("贷款期限", "Loan term"), min=1, max=MAX_TERM_YEARS,
        unit=F.UNIT_YEARS, required=False,
        help=text(f"不填则按最长期限计算：个人、高校毕业生和合伙创业最长{MAX_TERM_YEARS}年；"
                  f"小微企业最长{SMALL_ENTERPRISE_MAX_TERM_YEARS}年（方案未写明，按财金〔2018〕22号）。",
                  f"Leave blank for the longest term: {MAX_TERM_YEARS} years for individuals, "
                  f"graduates and partnerships; {SMALL_ENTERPRISE_MAX_TERM_YEARS} years for a "
                  f"small enterprise (not in the plan: from 财金〔2018〕22号)."),
    ),
]

NOT_ABOVE = [
    ("graduate_partners", "partners"),
    ("new_eligible_hires", "current_employees"),
]

METADATA = F.metadata(
    id=ID,
    clause=CLAUSE,
    title=text("创业担保贷款及贴息", "Startup guaranteed loan and interest subsidy"),
    summary=text(
        "估算可申请的创业担保贷款最高额度，以及财政全额贴息的利息金额。",
        "Estimates the largest startup guaranteed loan you can apply for and the interest "
        "the government pays on it.",
    ),
    applicant=text("自主创业人员、高校毕业生、合伙创业者和小微企业。",
                   "People starting a business, college graduates, partnerships and small "
                   "or micro enterprises."),
    fields=FIELDS,
    notes=[
        text("“可申请最高不超过”是可以申请的上限，是否放款、放款多少由经办银行审核决定。",
             "“可申请最高不超过” is the most you can apply for: the lending bank decides "
             "whether to lend and how much."),
        text("利息按只付息、到期一次还本估算：贷款金额 × 年利率 × 期限；分期还款的利息更少，所以贴息金额是上限。"
             "方案规定财政全额贴息，贴息办理流程按藏财金字〔2017〕37号执行；可贴息的利率上限以该文件和"
             "经办银行的说明为准（本站未核对该文件），超出上限的利息由借款人承担。",
             "Interest is estimated as for an interest-only loan repaid at maturity: "
             "loan × annual rate × term; a loan repaid in instalments costs less, so the "
             "subsidy shown is an upper bound. The plan says the interest is paid in full and that "
             "the procedure follows 藏财金字〔2017〕37号; any cap on the rate subsidised is set by "
             "that document and the lending bank (this site has not checked that document), and "
             "interest above such a cap is the borrower's."),
        text(f"方案只写明个人和合伙创业贷款期限不超过{MAX_TERM_YEARS}年，没有写小微企业贷款期限；"
             f"计算器按方案所依据的全国规定（财金〔2018〕22号）取最长{SMALL_ENTERPRISE_MAX_TERM_YEARS}年。",
             f"The plan gives a term of at most {MAX_TERM_YEARS} years for individual and "
             f"partnership loans and none for small-enterprise loans; the calculator uses the "
             f"national rule the clause follows (财金〔2018〕22号): at most "
             f"{SMALL_ENTERPRISE_MAX_TERM_YEARS} years."),
        text("合伙创业按每位合伙人的额度累加，前提是每位合伙人本人都属于可申请创业担保贷款的人员。",
             "Partnership limits add up per partner only when each partner is personally "
             "eligible for a startup guaranteed loan."),
        NOTE_THRESHOLDS,
        NOTE_ESTIMATE,
    ],
    figures=[
        F.figure("individual_max_loan_yuan", INDIVIDUAL_MAX_LOAN_YUAN, "yuan",
                 text("个人最高贷款额度", "Individual: maximum loan"), "15万元"),
        F.figure("graduate_max_loan_yuan", GRADUATE_MAX_LOAN_YUAN, "yuan",
                 text("高校毕业生最高贷款额度", "Graduate: maximum loan"), "50万元"),
        F.figure("partnership_max_loan_yuan", PARTNERSHIP_MAX_LOAN_YUAN, "yuan",
                 text("合伙创业贷款总额上限", "Partnership: maximum total loan"), "300万元"),
        F.figure("max_term_years", MAX_TERM_YEARS, "years",
                 text("个人和合伙创业最长贷款期限", "Individual and partnership loans: longest term"),
                 "3年"),
        F.figure("small_enterprise_hire_ratio", SMALL_ENTERPRISE_HIRE_RATIO, "percent",
                 text("小微企业新招用人员占比", "Small enterprise: share of new eligible hires"),
                 "25%"),
        F.figure("large_enterprise_employees", LARGE_ENTERPRISE_EMPLOYEES, "people",
                 text("职工人数（超过此数适用较低比例）",
                      "Staff above which the lower share applies"), "100人"),
        F.figure("large_enterprise_hire_ratio", LARGE_ENTERPRISE_HIRE_RATIO, "percent",
                 text("超过100人的企业新招用人员占比",
                      "Enterprise with more than 100 staff: share of new eligible hires"), "15%"),
        F.figure("small_enterprise_max_loan_yuan", SMALL_ENTERPRISE_MAX_LOAN_YUAN, "yuan",
                 text("小微企业最高贷款额度", "Small enterprise: maximum loan"), "300万元"),
    ],
    # The largest loan is the answer; the interest (the total) only once a rate is entered.
    headline=F.headline(
        "max_loan_yuan", text("最高可申请贷款", "Largest loan you can apply for"),
        text("财政贴息（最多）", "Interest paid by the government (at most)"),
        total_needs="annual_rate_percent",
        total_missing=text("填写贷款年利率后，可估算财政贴息金额。",
                           "Enter the loan's annual interest rate to estimate the interest the government pays."),
    ),
    examples=[
        {"applicant_type": "graduate", "annual_rate_percent": 4.35},
        {"applicant_type": "partnership", "partners": 4, "graduate_partners": 2,
         "loan_yuan": 1000000, "annual_rate_percent": 4.35, "term_years": 2},
        {"applicant_type": "small_enterprise", "current_employees": 40,
         "new_eligible_hires": 8, "annual_rate_percent": 4.35},
    ],
)


def _max_loan(values, reasons):
    """The maximum loan (0 when not eligible), adding the reason."""
    kind = values["applicant_type"]
    if kind == "individual":
        reasons.append(reason(
            f"个人自主创业最高可申请{fmt_yuan_zh(INDIVIDUAL_MAX_LOAN_YUAN)}创业担保贷款。",
            f"An individual starting a business may borrow up to "
            f"{fmt_yuan(INDIVIDUAL_MAX_LOAN_YUAN)} yuan.",
        ))
        return INDIVIDUAL_MAX_LOAN_YUAN
    if kind == "graduate":
        reasons.append(reason(
            f"高校毕业生创业最高可申请{fmt_yuan_zh(GRADUATE_MAX_LOAN_YUAN)}创业担保贷款。",
            f"A college graduate starting a business may borrow up to "
            f"{fmt_yuan(GRADUATE_MAX_LOAN_YUAN)} yuan.",
        ))
        return GRADUATE_MAX_LOAN_YUAN
    if kind == "partnership":
        partners = values["partners"]
        graduates = values["graduate_partners"]
        others = partners - graduates
        summed = GRADUATE_MAX_LOAN_YUAN * graduates + INDIVIDUAL_MAX_LOAN_YUAN * others
        capped = min(summed, PARTNERSHIP_MAX_LOAN_YUAN)
        zh = (f"合伙创业额度累加：高校毕业生{fmt_number(graduates)}人 × "
              f"{fmt_yuan_zh(GRADUATE_MAX_LOAN_YUAN)} + 其他合伙人{fmt_number(others)}人 × "
              f"{fmt_yuan_zh(INDIVIDUAL_MAX_LOAN_YUAN)} = {fmt_yuan_zh(summed)}")
        en = (f"Partnership limits add up: {fmt_number(graduates)} graduate partner(s) × "
              f"{fmt_yuan(GRADUATE_MAX_LOAN_YUAN)} + {fmt_number(others)} other partner(s) × "
              f"{fmt_yuan(INDIVIDUAL_MAX_LOAN_YUAN)} = {fmt_yuan(summed)} yuan")
        if summed > PARTNERSHIP_MAX_LOAN_YUAN:
            zh += f"，超过总额上限，按{fmt_yuan_zh(PARTNERSHIP_MAX_LOAN_YUAN)}计。"
            en += f", above the cap, so {fmt_yuan(PARTNERSHIP_MAX_LOAN_YUAN)} yuan."
        else:
            zh += f"（总额不超过{fmt_yuan_zh(PARTNERSHIP_MAX_LOAN_YUAN)}）。"
            en += f" (the total may not exceed {fmt_yuan(PARTNERSHIP_MAX_LOAN_YUAN)} yuan)."
        reasons.append(reason(zh, en))
        return capped
    # small_enterprise
    employees = values["current_employees"]
    hires = values["new_eligible_hires"]
    if employees > LARGE_ENTERPRISE_EMPLOYEES:
        needed = LARGE_ENTERPRISE_HIRE_RATIO
        size_zh = f"现有职工超过{LARGE_ENTERPRISE_EMPLOYEES}人的企业"
        size_en = f"an enterprise with more than {LARGE_ENTERPRISE_EMPLOYEES} staff"
    else:
        needed = SMALL_ENTERPRISE_HIRE_RATIO
        size_zh = f"现有职工{LARGE_ENTERPRISE_EMPLOYEES}人及以下的企业"
        size_en = f"an enterprise with {LARGE_ENTERPRISE_EMPLOYEES} staff or fewer"
    share = Decimal(hires) / Decimal(employees)
    stated = (f"当年新招用符合条件人员{fmt_number(hires)}人，占现有在职职工"
              f"{fmt_number(employees)}人的{fmt_percent(share)}%",
              f"{fmt_number(hires)} new eligible hires out of {fmt_number(employees)} staff "
              f"is {fmt_percent(share)}%")
    # Compared by multiplication, exactly: hires >= needed share of staff.
    if Decimal(hires) >= needed * employees:
        reasons.append(reason(
            f"{stated[0]}，达到{size_zh}要求的{fmt_percent(needed)}%，最高可申请"
            f"{fmt_yuan_zh(SMALL_ENTERPRISE_MAX_LOAN_YUAN)}。",
            f"{stated[1]}, reaching the {fmt_percent(needed)}% required of {size_en}: "
            f"up to {fmt_yuan(SMALL_ENTERPRISE_MAX_LOAN_YUAN)} yuan.",
        ))
        return SMALL_ENTERPRISE_MAX_LOAN_YUAN
    reasons.append(reason(
        f"{stated[0]}，未达到{size_zh}要求的{fmt_percent(needed)}%，不能申请小微企业创业担保贷款。",
        f"{stated[1]}, below the {fmt_percent(needed)}% required of {size_en}: the enterprise "
        f"cannot apply for the loan.",
    ))
    return ZERO


def _max_term(values):
    if values["applicant_type"] == "small_enterprise":
        return SMALL_ENTERPRISE_MAX_TERM_YEARS
    return MAX_TERM_YEARS


def compute(values):
    reasons = []
    max_loan = _max_loan(values, reasons)
    max_term = _max_term(values)
    eligible = max_loan > 0
    interest = ZERO
    items = []
    yearly = []
    if eligible:
        loan = values["loan_yuan"]
        if loan is None:
            loan = max_loan
        elif loan > max_loan:
            raise InputError([error(
                "loan_yuan",
                f"申请贷款金额不能超过最高额度{fmt_yuan_zh(max_loan)}。",
                f"The loan applied for cannot exceed the maximum of {fmt_yuan(max_loan)} yuan.",
            )])
        rate = values["annual_rate_percent"]
        term = values["term_years"]
        if term is None:
            term = Decimal(max_term)
        elif term > max_term:
            raise InputError([error(
                "term_years",
                f"小微企业创业担保贷款期限最长{max_term}年（按财金〔2018〕22号）。",
                f"A small-enterprise startup loan runs for at most {max_term} years "
                f"(财金〔2018〕22号).",
            )])
        if values["applicant_type"] == "small_enterprise":
            reasons.append(reason(
                f"方案没有写明小微企业贷款期限；按全国规定（财金〔2018〕22号）最长{max_term}年。",
                f"The plan states no term for small-enterprise loans; the national rule "
                f"(财金〔2018〕22号) allows at most {max_term} years.",
            ))
        interest = loan * rate / 100 * term * INTEREST_SUBSIDY_SHARE
        yearly_interest = loan * rate / 100 * INTEREST_SUBSIDY_SHARE
        whole_years = int(term)
        yearly = [yearly_interest] * whole_years
        if term > whole_years:
            yearly.append(interest - yearly_interest * whole_years)
        items.append(item("interest_subsidy", "财政贴息（最多）", "Interest paid by the government (at most)",
                          interest))
        if rate == 0:
            # No formula line "× 0% = 0元": the visitor is asked for the rate instead.
            reasons.append(reason(
                "没有填写贷款年利率，所以还没有估算贴息金额；填写借款合同上的年利率即可估算。",
                "No interest rate was entered, so the subsidy is not estimated yet: enter the "
                "annual rate of the loan contract to estimate it.",
            ))
        else:
            reasons.append(reason(
                f"按只付息、到期还本估算：{fmt_yuan_zh(loan)} × 年利率{fmt_number(rate)}% × "
                f"{fmt_number(term)}年 = {fmt_yuan_zh(interest)}，最多由财政全额贴息。",
                f"Estimated as an interest-only loan repaid at maturity: {fmt_yuan(loan)} yuan × "
                f"{fmt_number(rate)}% a year × {fmt_number(term)} year(s) = {fmt_yuan(interest)} "
                f"yuan, at most, paid by the government.",
            ))
    return build(
        METADATA, eligible, items, reasons,
        max_loan_yuan=max_loan,
        interest_subsidy_yuan=sum((line["yuan"] for line in items), ZERO),
        max_term_years=max_term,
        total_is_ceiling=True,
        by_year=by_year(yearly, interest) if any(yearly) else [],
    )
