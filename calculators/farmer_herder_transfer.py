"""Clause 3.3 (三（三）): subsidies for moving farmers and herders into work."""

from decimal import Decimal

from . import _fields as F
from ._money import fmt_number, fmt_yuan, fmt_yuan_zh
from ._result import build, item, reason
from ._text import NOTE_ESTIMATE, NOTE_REGION, text

ID = "farmer_herder_transfer"
CLAUSE = "3.3"

# 3.3: employment lasting "6个月(含6个月)以上" counts, for providers and workers.
MIN_MONTHS_EMPLOYED = 6
# 3.3: "给予市场主体就业创业服务补助每人300元".
SERVICE_SUBSIDY_YUAN_PER_WORKER = Decimal("300")
# 3.3: via a market entity: "给予200元求职创业补贴".
JOB_SEEKING_SUBSIDY_YUAN = Decimal("200")
# 3.3: organised to work outside the region: "给予1000元一次性路费补贴".
TRAVEL_SUBSIDY_YUAN = Decimal("1000")

ROLES = [
    F.choice("service_provider", "市场主体（经营性人力资源服务机构、劳务经纪人等）",
             "Market entity (commercial HR agency, labour broker, ...)"),
    F.choice("worker", "农牧民本人", "Farmer or herder"),
]

FIELDS = [
    F.choice_field("role", text("申请人", "Applicant"), ROLES),
    F.count_field(
        "workers_placed", text("组织转移就业的农牧民人数", "Farmers and herders placed"),
        help=text(f"组织转移就业、就业时间达到{MIN_MONTHS_EMPLOYED}个月（含）以上的农牧民人数。",
                  f"Farmers and herders the entity organised into work lasting "
                  f"{MIN_MONTHS_EMPLOYED} months or more."),
        applies_when=F.when("role", "service_provider"),
    ),
    F.months_field(
        "months_employed", text("累计就业月数", "Months employed (cumulative)"),
        applies_when=F.when("role", "worker"),
    ),
    F.bool_field(
        "via_market_entity",
        text("通过市场主体实现就业", "Found the job through a market entity"),
        help=text("通过经营性人力资源服务机构、劳务经纪人等市场主体实现就业。",
                  "Through a commercial HR agency, labour broker or similar."),
        applies_when=F.when("role", "worker"),
    ),
    F.bool_field(
        "organised_outside_region",
        text("被组织到区外就业", "Organised to work outside the region"),
        applies_when=F.when("role", "worker"),
    ),
]

NOT_ABOVE = []

METADATA = F.metadata(
    id=ID,
    clause=CLAUSE,
    title=text("农牧民转移就业补贴", "Subsidies for moving farmers and herders into work"),
    summary=text(
        "估算组织农牧民转移就业的市场主体可获得的服务补助，或农牧民本人可获得的求职创业补贴和路费补贴。",
        "Estimates the service subsidy for entities that place farmers and herders in work, "
        "or the job-seeking and travel subsidies for the workers themselves.",
    ),
    applicant=text("经营性人力资源服务机构、劳务经纪人等市场主体，以及转移就业的农牧民。",
                   "Commercial HR agencies, labour brokers and similar, and the farmers and "
                   "herders placed in work."),
    fields=FIELDS,
    notes=[
        text("原文分别规定求职创业补贴和一次性路费补贴，没有写明能否同时享受；同时符合两项条件的，"
             "本站按两项都可以享受计算，是否可以同时享受以区人社局的认定为准。",
             "The plan sets the job-seeking subsidy and the one-time travel subsidy in separate "
             "sentences and does not say whether a worker can have both; for a worker who meets "
             "both conditions this site adds them up, and the district HR and social security "
             "bureau decides whether both are paid."),
        NOTE_REGION,
        NOTE_ESTIMATE,
    ],
    figures=[
        F.figure("min_months_employed", MIN_MONTHS_EMPLOYED, "months",
                 text("就业时间要求", "Months of employment needed"), "6个月(含6个月)以上"),
        F.figure("service_subsidy_yuan_per_worker", SERVICE_SUBSIDY_YUAN_PER_WORKER,
                 "yuan_per_person",
                 text("市场主体就业创业服务补助（每人）", "Service subsidy per worker placed"),
                 "每人300元"),
        F.figure("job_seeking_subsidy_yuan", JOB_SEEKING_SUBSIDY_YUAN, "yuan_per_person",
                 text("求职创业补贴", "Job-seeking subsidy"), "200元"),
        F.figure("travel_subsidy_yuan", TRAVEL_SUBSIDY_YUAN, "yuan_per_person",
                 text("区外就业一次性路费补贴", "One-time travel subsidy, work outside the region"),
                 "1000元"),
    ],
    examples=[
        {"role": "service_provider", "workers_placed": 40},
        {"role": "worker", "months_employed": 7, "via_market_entity": True,
         "organised_outside_region": True},
        {"role": "worker", "months_employed": 5, "via_market_entity": True,
         "organised_outside_region": False},
    ],
)


def _service_provider(values):
    placed = values["workers_placed"]
    if placed <= 0:
        return build(METADATA, False, [], [reason(
            "没有组织农牧民转移就业，没有服务补助。",
            "No farmers or herders were placed, so there is no service subsidy.",
        )])
    amount = SERVICE_SUBSIDY_YUAN_PER_WORKER * placed
    return build(
        METADATA, True,
        [item("service_subsidy", "就业创业服务补助", "Employment service subsidy", amount)],
        [reason(
            f"组织{fmt_number(placed)}名农牧民转移就业{MIN_MONTHS_EMPLOYED}个月以上，每人"
            f"{fmt_yuan_zh(SERVICE_SUBSIDY_YUAN_PER_WORKER)}，共{fmt_yuan_zh(amount)}。",
            f"{fmt_number(placed)} farmer(s) and herder(s) placed in work lasting "
            f"{MIN_MONTHS_EMPLOYED} months or more, {fmt_yuan(SERVICE_SUBSIDY_YUAN_PER_WORKER)} "
            f"yuan each: {fmt_yuan(amount)} yuan.",
        )],
    )


def _worker(values):
    months = values["months_employed"]
    if months < MIN_MONTHS_EMPLOYED:
        return build(METADATA, False, [], [reason(
            f"累计就业时间需达到{MIN_MONTHS_EMPLOYED}个月（含）以上，目前为{fmt_number(months)}个月。",
            f"Employment must add up to {MIN_MONTHS_EMPLOYED} months or more; it is "
            f"{fmt_number(months)}.",
        )])
    items = []
    reasons = []
    if values["via_market_entity"]:
        items.append(item("job_seeking_subsidy", "求职创业补贴", "Job-seeking subsidy",
                          JOB_SEEKING_SUBSIDY_YUAN))
        reasons.append(reason(
            f"通过市场主体实现就业、累计{fmt_number(months)}个月：求职创业补贴"
            f"{fmt_yuan_zh(JOB_SEEKING_SUBSIDY_YUAN)}。",
            f"Job found through a market entity, {fmt_number(months)} months in work: "
            f"job-seeking subsidy of {fmt_yuan(JOB_SEEKING_SUBSIDY_YUAN)} yuan.",
        ))
    else:
        reasons.append(reason(
            "不是通过市场主体实现就业，没有求职创业补贴。",
            "The job was not found through a market entity: no job-seeking subsidy.",
        ))
    if values["organised_outside_region"]:
        items.append(item("travel_subsidy", "一次性路费补贴", "One-time travel subsidy",
                          TRAVEL_SUBSIDY_YUAN))
        reasons.append(reason(
            f"被组织到区外就业、累计{fmt_number(months)}个月：一次性路费补贴"
            f"{fmt_yuan_zh(TRAVEL_SUBSIDY_YUAN)}。",
            f"Organised to work outside the region, {fmt_number(months)} months in work: "
            f"one-time travel subsidy of {fmt_yuan(TRAVEL_SUBSIDY_YUAN)} yuan.",
        ))
    else:
        reasons.append(reason(
            "不是被组织到区外就业，没有路费补贴。",
            "Not organised to work outside the region: no travel subsidy.",
        ))
    return build(METADATA, bool(items), items, reasons)


def compute(values):
    if values["role"] == "service_provider":
        return _service_provider(values)
    return _worker(values)
