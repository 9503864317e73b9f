"""Clause 3.4 (三（四）): help for registered poor workers (建档立卡贫困劳动力)."""

from decimal import Decimal

from . import _fields as F
from ._money import fmt_number, fmt_yuan, fmt_yuan_zh
from ._result import build, item, reason
from ._text import NOTE_ESTIMATE, text

ID = "poverty_labor"
CLAUSE = "3.4"

# 3.4: "按每人1000元一次性给予人力资源服务机构就业创业服务补助".
SERVICE_SUBSIDY_YUAN_PER_WORKER = Decimal("1000")
# 3.4: "跨地(区)、跨省转移就业的贫困人口 ... 分别给予贫困人口500元、1000元的一次性路费补贴".
CROSS_PREFECTURE_TRAVEL_YUAN = Decimal("500")
CROSS_PROVINCE_TRAVEL_YUAN = Decimal("1000")

ROLES = [
    F.choice("service_provider", "人力资源服务机构", "Human-resources service agency"),
    F.choice("worker", "贫困劳动力本人", "Registered poor worker"),
]
TRANSFERS = [
    F.choice("local", "本地就业（未跨地区）", "Local job (no move across prefectures)"),
    F.choice("cross_prefecture", "跨地（区）转移就业", "Moved to another prefecture"),
    F.choice("cross_province", "跨省转移就业", "Moved to another province"),
]
_TRAVEL = {
    "local": None,
    "cross_prefecture": CROSS_PREFECTURE_TRAVEL_YUAN,
    "cross_province": CROSS_PROVINCE_TRAVEL_YUAN,
}
_TRANSFER_NAME = {c["value"]: c for c in TRANSFERS}

FIELDS = [
    F.choice_field("role", text("申请人", "Applicant"), ROLES),
    F.count_field(
        "workers_placed", text("介绍就业的贫困劳动力人数", "Poor workers placed"),
        help=text("介绍到区内外中小企业就业、签订一年以上劳动合同并缴纳保险的建档立卡贫困劳动力人数。",
                  "Registered poor workers placed with small and medium-sized enterprises on "
                  "contracts of one year or more, with social insurance paid."),
        applies_when=F.when("role", "service_provider"),
    ),
    F.choice_field(
        "transfer", text("转移就业方式", "Where the job is"), TRANSFERS,
        applies_when=F.when("role", "worker"),
    ),
]

NOT_ABOVE = []

METADATA = F.metadata(
    id=ID,
    clause=CLAUSE,
    title=text("贫困劳动力就业帮扶补贴", "Job help for registered poor workers"),
    summary=text(
        "估算人力资源服务机构介绍贫困劳动力就业的服务补助，或贫困劳动力跨地区转移就业的路费补贴。",
        "Estimates the service subsidy for agencies that place registered poor workers, or "
        "the travel subsidy for poor workers who move for a job.",
    ),
    applicant=text("人力资源服务机构，以及建档立卡贫困劳动力（路费补贴由户籍所在地人社局发放）。",
                   "Human-resources service agencies, and registered poor workers (the travel "
                   "subsidy is paid by the labour bureau where they are registered)."),
    fields=FIELDS,
    notes=[
        text("介绍就业指到中小企业就业，并缴纳社会保险。",
             "Placements are in small and medium-sized enterprises, with social insurance "
             "paid."),
        text("劳动力的路费补贴由其户籍所在地的人社局发放，可能不是本区的区人社局：请向户籍所在地的人社局申请。",
             "A worker's travel subsidy is paid by the human resources and social security bureau "
             "of the place where the worker's household is registered, which may not be this "
             "district's: apply there."),
        NOTE_ESTIMATE,
    ],
    figures=[
        F.figure("service_subsidy_yuan_per_worker", SERVICE_SUBSIDY_YUAN_PER_WORKER,
                 "yuan_per_person",
                 text("就业创业服务补助（每人）", "Service subsidy per worker placed"),
                 "每人1000元"),
        F.figure("cross_prefecture_travel_yuan", CROSS_PREFECTURE_TRAVEL_YUAN, "yuan_per_person",
                 text("跨地（区）转移就业路费补贴", "Travel subsidy, another prefecture"),
                 "贫困人口500元"),
        F.figure("cross_province_travel_yuan", CROSS_PROVINCE_TRAVEL_YUAN, "yuan_per_person",
                 text("跨省转移就业路费补贴", "Travel subsidy, another province"), "1000元的一次性路费补贴"),
    ],
    examples=[
        {"role": "service_provider", "workers_placed": 12},
        {"role": "worker", "transfer": "cross_province"},
        {"role": "worker", "transfer": "local"},
    ],
)


def _service_provider(values):
    placed = values["workers_placed"]
    if placed <= 0:
        return build(METADATA, False, [], [reason(
            "没有介绍贫困劳动力就业，没有服务补助。",
            "No poor workers were placed, so there is no service subsidy.",
        )])
    amount = SERVICE_SUBSIDY_YUAN_PER_WORKER * placed
    return build(
        METADATA, True,
        [item("service_subsidy", "就业创业服务补助", "Employment service subsidy", amount)],
        [reason(
            f"介绍{fmt_number(placed)}名贫困劳动力就业（签订一年以上劳动合同并缴纳保险），每人"
            f"{fmt_yuan_zh(SERVICE_SUBSIDY_YUAN_PER_WORKER)}，共{fmt_yuan_zh(amount)}。",
            f"{fmt_number(placed)} poor worker(s) placed (contracts of one year or more, "
            f"insurance paid), {fmt_yuan(SERVICE_SUBSIDY_YUAN_PER_WORKER)} yuan each: "
            f"{fmt_yuan(amount)} yuan.",
        )],
    )


def _worker(values):
    transfer = values["transfer"]
    amount = _TRAVEL[transfer]
    name = _TRANSFER_NAME[transfer]
    if amount is None:
        return build(METADATA, False, [], [reason(
            f"路费补贴只给予跨地（区）转移就业（{fmt_yuan_zh(CROSS_PREFECTURE_TRAVEL_YUAN)}）或"
            f"跨省转移就业（{fmt_yuan_zh(CROSS_PROVINCE_TRAVEL_YUAN)}）的贫困劳动力；本地就业没有路费补贴。",
            f"The travel subsidy is for moves to another prefecture "
            f"({fmt_yuan(CROSS_PREFECTURE_TRAVEL_YUAN)} yuan) or another province "
            f"({fmt_yuan(CROSS_PROVINCE_TRAVEL_YUAN)} yuan); a local job gets none.",
        )])
    return build(
        METADATA, True,
        [item("travel_subsidy", "一次性路费补贴", "One-time travel subsidy", amount)],
        [reason(
            f"{name['zh']}：由户籍所在地人社局给予一次性路费补贴{fmt_yuan_zh(amount)}。",
            f"{name['en']}: a one-time travel subsidy of {fmt_yuan(amount)} yuan from the "
            f"labour bureau where the worker is registered.",
        )],
    )


def compute(values):
    if values["role"] == "service_provider":
        return _service_provider(values)
    return _worker(values)
