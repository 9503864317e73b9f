"""The engine's shapes, table-driven, on small specs written for the test (their quotes are invented
and checked by nothing): the rent subsidy of the staff guide (calculators/cases/rules/
example_rent_subsidy.json: 场地租金总额的50%…每年不超过5万元、补贴期限最长不超过3年), a fixed sum once and per
year, per unit × a count with a cap on the count and on the money, tiers (the highest met, or each level
held once), "highest, not both", a limit in years on a monthly sum, a cap in all, `any`."""

import pytest

from calculators import rules

from .rules_support import check_case, load


def T(zh, en):
    return {"zh": zh, "en": en}


def figure(id, value, unit, quote="（测试）"):
    return {"id": id, "value": value, "unit": unit, "label": T(id, id), "quote": quote}


def spec(id, inputs, figures, items, conditions=None, one_of=None):
    made = {"id": id, "clause": "test", "title": T("测试", "Test"), "summary": T("测试", "Test"),
            "applicant": T("测试", "Test"), "inputs": inputs, "figures": figures, "items": items}
    if conditions:
        made["conditions"] = conditions
    if one_of:
        made["one_of"] = one_of
    return made


def integer(id, unit="people", **extra):
    return {"id": id, "type": "integer", "unit": unit, "label": T(f"输入{id}", id), **extra}


def yes_no(id, **extra):
    return {"id": id, "type": "yes_no", "label": T(f"是否{id}", id), **extra}


# 给予一次性10万元; 每人每年3000元 (years), with a whole-calculator yes/no.
FIXED = spec(
    "fixed_sums",
    [yes_no("registered"), integer("years", unit="years", min=1)],
    [figure("one_off", 100000, "yuan", "给予一次性10万元"), figure("yearly", 3000, "yuan_per_year", "每人每年3000元")],
    [{"id": "one_off", "label": T("一次性补贴", "One-off"), "fixed": {"amount": {"figure": "one_off"}}},
     {"id": "yearly", "label": T("每年补贴", "Yearly"), "fixed": {"amount": {"figure": "yearly"}}, "per": "year",
      "periods": {"input": "years"}}],
    conditions=[{"input": "registered", "is": True}],
)

# 每成功推荐1个…给予1万元…每年最高不超过10万元; 单个企业最多申报5人 (another item, 500元/人).
PER_UNIT = spec(
    "per_unit",
    [integer("referrals"), integer("trainees")],
    [figure("per_referral", 10000, "yuan", "给予1万元"), figure("referral_cap", 100000, "yuan", "每年最高不超过10万元"),
     figure("per_trainee", 500, "yuan_per_person", "500元/人"), figure("trainee_limit", 5, "people", "最多申报5人")],
    [{"id": "referrals", "label": T("推荐奖励", "Referrals"),
      "per_unit": {"count": {"input": "referrals"}, "amount": {"figure": "per_referral"}}, "cap": {"figure": "referral_cap"}},
     {"id": "trainees", "label": T("培训补贴", "Trainees"),
      "per_unit": {"count": {"input": "trainees"}, "amount": {"figure": "per_trainee"},
                   "count_at_most": {"figure": "trainee_limit"}}}],
)

# 分别给予每家80万元、30万元、20万元 (highest); 同一级别只配套支持一次，不同级别叠加 (each level once).
LEVELS = [yes_no("national"), yes_no("provincial"), yes_no("city")]
LEVEL_FIGURES = [figure("national", 800000, "yuan", "80万元"), figure("provincial", 300000, "yuan", "30万元"),
                 figure("city", 200000, "yuan", "20万元")]


def tiers(pick):
    return spec(
        f"tiers_{pick}", LEVELS, LEVEL_FIGURES,
        [{"id": "award", "label": T("奖励", "Award"), "tiers": {"pick": pick, "levels": [
            {"id": level, "label": T(level, level), "when": [{"input": level, "is": True}], "amount": {"figure": level}}
            for level in ("city", "national", "provincial")]}}])


# Two measures, "highest, not both" (就高不重复); a choice branch; `any`.
HIGHEST = spec(
    "highest_not_both",
    [{"id": "kind", "type": "choice", "label": T("类型", "Kind"),
      "choices": [{"value": "a", "label": T("甲", "A")}, {"value": "b", "label": T("乙", "B")}]},
     integer("people"), integer("months", unit="months", asked_when={"input": "kind", "is": "b"})],
    [figure("per_person", 1000, "yuan_per_person"), figure("flat", 2500, "yuan"), figure("min_people", 3, "people"),
     figure("min_months", 6, "months")],
    [{"id": "per_person", "label": T("按人数", "Per person"),
      "per_unit": {"count": {"input": "people"}, "amount": {"figure": "per_person"}}},
     {"id": "flat", "label": T("定额", "Flat"), "fixed": {"amount": {"figure": "flat"}},
      "when": [{"input": "kind", "is": "b"}]}],
    conditions=[{"any": [{"input": "people", "at_least": {"figure": "min_people"}},
                         {"input": "months", "at_least": {"figure": "min_months"}}]}],
    one_of=[{"items": ["per_person", "flat"], "quote": "就高不重复"}],
)

# 每月500元, 最长不超过2年 (a limit in years on a monthly sum: 24 months), 总额最高不超过1万元.
MONTHLY = spec(
    "monthly",
    [integer("months", unit="months")],
    [figure("monthly", 500, "yuan_per_month"), figure("max_years", 2, "years"), figure("cap_in_all", 10000, "yuan")],
    [{"id": "monthly", "label": T("每月补贴", "Monthly"), "fixed": {"amount": {"figure": "monthly"}}, "per": "month",
      "periods": {"input": "months", "at_most": {"figure": "max_years"}}, "cap_in_all": {"figure": "cap_in_all"}}],
)


# 每人每年不超过5000元 (an entered need per person, for each person: 5.2's shape); 每人每月500元, 最多申报5人,
# 最长不超过6个月, 总额最高不超过1.2万元.
EACH = spec(
    "for_each",
    [integer("persons", min=1), {"id": "need", "type": "amount", "unit": "yuan_per_person", "label": T("核定需要", "Need")},
     integer("months", unit="months")],
    [figure("need_cap", 5000, "yuan_per_person"), figure("monthly", 500, "yuan_per_month"), figure("max_people", 5, "people"),
     figure("max_months", 6, "months"), figure("cap_all", 12000, "yuan")],
    [{"id": "assistance", "label": T("救助", "Assistance"), "up_to": True,
      "rate_of": {"input": "need", "rate": 1}, "cap": {"figure": "need_cap"}, "for_each": {"input": "persons"}},
     {"id": "monthly", "label": T("每月补贴", "Monthly"), "fixed": {"amount": {"figure": "monthly"}}, "per": "month",
      "periods": {"input": "months", "at_most": {"figure": "max_months"}},
      "for_each": {"input": "persons", "at_most": {"figure": "max_people"}}, "cap_in_all": {"figure": "cap_all"}}],
)


# 比例达到25%以上 entered in percentage points; 满1年 against months (12 months a year).
UNITS = spec(
    "units",
    [{"id": "share", "type": "number", "unit": "percent", "max": 100, "label": T("比例", "Share")},
     integer("months_employed", unit="months")],
    [figure("min_share", "0.25", "percent", "25%以上"), figure("one_year", 1, "years", "满1年"),
     figure("award", 1000, "yuan")],
    [{"id": "award", "label": T("奖励", "Award"), "fixed": {"amount": {"figure": "award"}}}],
    conditions=[{"input": "share", "at_least": {"figure": "min_share"}},
                {"input": "months_employed", "at_least": {"figure": "one_year"}}],
)


# `in` with a sentence of its own when not met; an item's own threshold; not_above.
BRANCHES = spec(
    "branches",
    [{"id": "kind", "type": "choice", "label": T("类型", "Kind"),
      "choices": [{"value": v, "label": T(v, v)} for v in ("a", "b", "c")]},
     integer("people"), integer("retained", not_above="people")],
    [figure("base", 100, "yuan"), figure("bonus", 50, "yuan"), figure("min_people", 3, "people")],
    [{"id": "base", "label": T("基本", "Base"), "fixed": {"amount": {"figure": "base"}}},
     {"id": "bonus", "label": T("奖励", "Bonus"), "fixed": {"amount": {"figure": "bonus"}},
      "when": [{"input": "people", "at_least": {"figure": "min_people"}}]}],
    conditions=[{"input": "kind", "in": ["a", "b"],
                 "reason_unmet": T("丙类不适用，请咨询12333。", "Kind c does not qualify; ask 12333.")}],
)


def case(name, inputs, **expect):
    if "error_fields" in expect:
        return {"name": name, "inputs": inputs, "error_fields": expect["error_fields"]}
    return {"name": name, "inputs": inputs, "expect": expect}


TABLE = [
    (FIXED, case("once and yearly add up", {"registered": True, "years": 2}, eligible=True, total_yuan=106000,
                 item_yuan={"one_off": 100000, "yearly": 6000},
                 by_year=[{"year": 1, "yuan": 103000, "cumulative_yuan": 103000},
                          {"year": 2, "yuan": 3000, "cumulative_yuan": 106000}])),
    (FIXED, case("the whole-calculator condition not met", {"registered": False, "years": 2}, eligible=False,
                 total_yuan=0, items=[], by_year=[], reasons_en_contain=["must be “yes”; “no” entered"])),
    (PER_UNIT, case("3 referrals, 2 trainees", {"referrals": 3, "trainees": 2}, eligible=True, total_yuan=31000,
                    item_yuan={"referrals": 30000, "trainees": 1000}, by_year=[])),
    (PER_UNIT, case("10 referrals: exactly the cap", {"referrals": 10, "trainees": 0}, eligible=True, total_yuan=100000,
                    item_yuan={"referrals": 100000}, reasons_en_contain=["is 0, so nothing is paid"])),
    (PER_UNIT, case("11 referrals: capped", {"referrals": 11, "trainees": 0}, eligible=True, total_yuan=100000,
                    reasons_zh_contain=["11万元，超过最高10万元，按10万元计"])),
    (PER_UNIT, case("8 trainees: 5 counted", {"referrals": 0, "trainees": 8}, eligible=True, total_yuan=2500,
                    reasons_zh_contain=["（填写的是8人，最多按5人计）"])),
    (PER_UNIT, case("nothing to count: not eligible", {"referrals": 0, "trainees": 0}, eligible=False, total_yuan=0)),
    (tiers("highest"), case("national and city: the highest", {"national": True, "provincial": False, "city": True},
                            eligible=True, total_yuan=800000, item_yuan={"award": 800000},
                            reasons_zh_contain=["按最高的一档「national」计，不叠加"])),
    (tiers("highest"), case("city only", {"national": False, "provincial": False, "city": True},
                            eligible=True, total_yuan=200000)),
    (tiers("highest"), case("no level", {"national": False, "provincial": False, "city": False},
                            eligible=False, total_yuan=0, reasons_zh_contain=["未达到任何一档的条件"])),
    (tiers("each_level_once"), case("all three levels add up, each once",
                                    {"national": True, "provincial": True, "city": True},
                                    eligible=True, total_yuan=1300000, item_yuan={"award": 1300000},
                                    reasons_zh_contain=["不同级别叠加"])),
    (tiers("each_level_once"), case("two levels", {"national": False, "provincial": True, "city": True},
                                    eligible=True, total_yuan=500000)),
    (HIGHEST, case("b: 2,500 flat beats 2 × 1,000", {"kind": "b", "people": 2, "months": 6}, eligible=True,
                   total_yuan=2500, item_yuan={"flat": 2500}, reasons_zh_contain=["按“就高不重复”"])),
    (HIGHEST, case("b: 3 × 1,000 beats 2,500", {"kind": "b", "people": 3, "months": 0}, eligible=True,
                   total_yuan=3000, item_yuan={"per_person": 3000})),
    (HIGHEST, case("a: the months are not asked, 3 people meet `any`", {"kind": "a", "people": 3}, eligible=True,
                   total_yuan=3000)),
    (HIGHEST, case("a: months sent though not asked", {"kind": "a", "people": 3, "months": 6},
                   error_fields=["months"])),
    (HIGHEST, case("b: neither condition of `any`", {"kind": "b", "people": 2, "months": 5}, eligible=False,
                   total_yuan=0, reasons_zh_contain=["以下条件都不满足"])),
    (EACH, case("3 people: the need capped per person, the monthly sum for each", {"persons": 3, "need": 8000, "months": 2},
                eligible=True, total_yuan=18000, item_yuan={"assistance": 15000, "monthly": 3000},
                reasons_zh_contain=["超过最高5,000元，按5,000元计；每人5,000元 × 3人 = 1.5万元",
                                    "500元/月 × 2个月（最长6个月） = 1,000元；每人1,000元 × 3人 = 3,000元"])),
    (EACH, case("each person's amount is rounded, then multiplied", {"persons": 3, "need": 1234.565, "months": 0},
                eligible=True, total_yuan=3703.71, item_yuan={"assistance": 3703.71})),
    (EACH, case("8 people: 5 counted, then the cap in all; a need of 0 pays no line",
                {"persons": 8, "need": 0, "months": 6}, eligible=True, total_yuan=12000, item_yuan={"monthly": 12000},
                reasons_zh_contain=["（填写的是8人，最多按5人计） = 1.5万元，超过最高1.2万元，按1.2万元计"])),
    (EACH, case("nothing comes to more than 0: not eligible", {"persons": 2, "need": 0, "months": 0}, eligible=False,
                total_yuan=0, items=[])),
    (UNITS, case("25% and 12 months: both included", {"share": 25, "months_employed": 12}, eligible=True,
                 total_yuan=1000, reasons_zh_contain=["「比例」为25%，达到25%（含本数）", "为12个月，达到1年（含本数）"])),
    (UNITS, case("24.99%", {"share": 24.99, "months_employed": 12}, eligible=False, total_yuan=0,
                 reasons_en_contain=["“Share” must be at least 25%; 24.99% entered."])),
    (UNITS, case("11 months is not a full year", {"share": 30, "months_employed": 11}, eligible=False, total_yuan=0)),
    (BRANCHES, case("an item's threshold not met says so", {"kind": "a", "people": 2, "retained": 0}, eligible=True,
                    total_yuan=100, item_yuan={"base": 100}, reasons_zh_contain=["「输入people」需达到3人以上（含本数），填写的是2人"])),
    (BRANCHES, case("an item's threshold met", {"kind": "b", "people": 3, "retained": 3}, eligible=True,
                    total_yuan=150, item_yuan={"base": 100, "bonus": 50})),
    (BRANCHES, case("a condition's own sentence", {"kind": "c", "people": 3, "retained": 0}, eligible=False,
                    total_yuan=0, reasons_zh_contain=["丙类不适用，请咨询12333。"])),
    (BRANCHES, case("not_above", {"kind": "a", "people": 3, "retained": 4}, error_fields=["retained"])),
    (MONTHLY, case("18 months", {"months": 18}, eligible=True, total_yuan=9000,
                   by_year=[{"year": 1, "yuan": 6000, "cumulative_yuan": 6000},
                            {"year": 2, "yuan": 3000, "cumulative_yuan": 9000}])),
    (MONTHLY, case("22 months: the cap in all", {"months": 22}, eligible=True, total_yuan=10000,
                   reasons_zh_contain=["= 1.1万元，超过最高1万元，按1万元计"])),
    (MONTHLY, case("30 months: 2 years are 24 months, then the cap", {"months": 30}, eligible=True, total_yuan=10000,
                   reasons_zh_contain=["超过24个月的部分不予补贴"])),
]


@pytest.mark.parametrize("made, case", TABLE, ids=[f"{s['id']}: {c['name']}" for s, c in TABLE])
def test_shape(made, case):
    assert rules.problems(made) == []
    check_case(lambda inputs: rules.calculate(made, inputs), case)


RENT = load("example_rent_subsidy")


def test_the_rent_subsidy_has_no_problems():
    assert rules.problems(RENT["spec"]) == []


@pytest.mark.parametrize("case", RENT["cases"], ids=[c["name"] for c in RENT["cases"]])
def test_rent_subsidy(case):
    check_case(lambda inputs: rules.calculate(RENT["spec"], inputs), case)


def test_limits_never_refuse_and_a_reason_says_what_is_not_paid():
    result = rules.calculate(RENT["spec"], {"annual_rent_yuan": 150000, "years": 50})
    assert result["total_yuan"] == 150000
    assert any("超过3年的部分不予补贴（填写的是50年）" in r["zh"] for r in result["reasons"])


def test_the_ceiling_is_per_item():
    venue = load("venue_subsidy")["spec"]
    private = rules.calculate(venue, {"venue_type": "private", "annual_rent_and_utilities_yuan": 1, "months_operating": 6,
                                      "years": 1})
    government = rules.calculate(venue, {"venue_type": "government", "annual_rent_and_utilities_yuan": 1, "years": 1})
    assert (private["total_is_ceiling"], government["total_is_ceiling"]) == (True, False)
