"""Clause 5.2 (五（二）): temporary living assistance for laid-off and
unemployed people in hardship."""

from decimal import Decimal

from . import _fields as F
from ._money import fmt_number, fmt_yuan, fmt_yuan_zh
from ._result import build, item, reason
from ._text import NOTE_ESTIMATE, text

ID = "temporary_assistance"
CLAUSE = "5.2"

# 5.2: "给予每人每年不超过5000元的临时生活救助".
ANNUAL_CAP_YUAN_PER_PERSON = Decimal("5000")

FIELDS = [
    F.count_field(
        "persons", text("符合条件的下岗失业人员人数", "Eligible laid-off or unemployed people"),
        min=1,
        help=text("符合临时性救助条件且生活困难的下岗失业人员。",
                  "Laid-off or unemployed people in hardship who meet the conditions for "
                  "temporary assistance."),
    ),
    F.money_field(
        "requested_yuan_per_person",
        text("每人当年核定的救助需要", "Assessed need per person for the year"),
        unit=F.UNIT_YUAN_PER_PERSON,
    ),
]

NOT_ABOVE = []

METADATA = F.metadata(
    id=ID,
    clause=CLAUSE,
    title=text("下岗失业人员临时生活救助", "Temporary living assistance"),
    summary=text(
        f"估算下岗失业人员的临时生活救助金额（每人每年不超过{fmt_yuan_zh(ANNUAL_CAP_YUAN_PER_PERSON)}）。",
        f"Estimates the temporary living assistance for laid-off or unemployed people (at "
        f"most {fmt_yuan(ANNUAL_CAP_YUAN_PER_PERSON)} yuan per person a year).",
    ),
    applicant=text("符合临时性救助条件且生活困难的下岗失业人员。",
                   "Laid-off or unemployed people in hardship who meet the conditions."),
    fields=FIELDS,
    notes=[NOTE_ESTIMATE],
    figures=[
        F.figure("annual_cap_yuan_per_person", ANNUAL_CAP_YUAN_PER_PERSON,
                 "yuan_per_person",
                 text("每人每年救助上限", "Cap per person per year"), "不超过5000元"),
    ],
    examples=[
        {"persons": 1, "requested_yuan_per_person": 3200},
        {"persons": 3, "requested_yuan_per_person": 8000},
        {"persons": 2, "requested_yuan_per_person": 0},
    ],
)


def compute(values):
    persons = values["persons"]
    requested = values["requested_yuan_per_person"]
    if requested <= 0:
        return build(METADATA, False, [], [reason(
            "没有核定救助需要（0元），没有临时生活救助。",
            "No need was assessed (0 yuan), so there is no temporary assistance.",
        )])
    per_person = min(requested, ANNUAL_CAP_YUAN_PER_PERSON)
    amount = per_person * persons
    if requested > ANNUAL_CAP_YUAN_PER_PERSON:
        zh = (f"每人核定需要{fmt_yuan_zh(requested)}，超过每人每年"
              f"{fmt_yuan_zh(ANNUAL_CAP_YUAN_PER_PERSON)}的上限，按{fmt_yuan_zh(per_person)}计")
        en = (f"the assessed need of {fmt_yuan(requested)} yuan per person is above the cap of "
              f"{fmt_yuan(ANNUAL_CAP_YUAN_PER_PERSON)} yuan per person a year, so "
              f"{fmt_yuan(per_person)} yuan is used")
    else:
        zh = (f"每人按核定需要{fmt_yuan_zh(per_person)}计（每人每年不超过"
              f"{fmt_yuan_zh(ANNUAL_CAP_YUAN_PER_PERSON)}）")
        en = (f"{fmt_yuan(per_person)} yuan per person as assessed (at most "
              f"{fmt_yuan(ANNUAL_CAP_YUAN_PER_PERSON)} yuan per person a year)")
    return build(
        METADATA, True,
        [item("assistance", "临时生活救助（最多）", "Temporary living assistance (at most)", amount)],
        [reason(
            f"{zh}，{fmt_number(persons)}人共{fmt_yuan_zh(amount)}。",
            f"{en[0].upper()}{en[1:]}; {fmt_number(persons)} person(s): {fmt_yuan(amount)} yuan.",
        )],
        total_is_ceiling=True,
    )
