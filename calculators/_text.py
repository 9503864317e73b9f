"""Bilingual text helpers and the notes shared by several calculators."""


def text(zh, en):
    """A user-visible string in both languages."""
    return {"zh": zh, "en": en}


# Shown with every calculator (spec: "All: an estimate, not a decision").
NOTE_ESTIMATE = text(
    "本计算器给出的是估算，不是审批结果；是否符合条件、金额多少，以牵头单位的认定为准。",
    "This is an estimate, not a decision: the lead agency decides whether the "
    "conditions are met and how much is paid.",
)

# Shown where the clause uses the autonomous region's phrases (2.3, 3.1, 3.3).
NOTE_REGION = text(
    "本方案是区（县级）文件，但“我区少数民族高校毕业生”“区外企业”“到区外就业”"
    "“自治区月最低工资标准”等说法来自自治区政策，其中的“区”指西藏自治区；"
    "区人社局等单位名称中的“区”指本区的部门。",
    "The plan is a district's, but the phrases “我区少数民族高校毕业生”, “区外企业”, "
    "“到区外就业” and “自治区月最低工资标准” come from the autonomous region's policy: "
    "“the region” there means the Tibet Autonomous Region. Agency names such as "
    "区人社局 are the district's bureaus.",
)

# Shown where a threshold is written with 以上 / 超过: the rule of the General
# Provisions of the Civil Law art. 205 (in force from 2017, so when the plan
# was written), kept as Civil Code art. 1259 from 2021.
NOTE_THRESHOLDS = text(
    "方案中的“以上”包括本数（方案印发时施行的《民法总则》第二百零五条，2021年起为《民法典》"
    "第一千二百五十九条）：“60人以上”指60人及以上；“超过”不包括本数：“超过100人”指多于100人。",
    "“以上” in the plan includes the number itself (General Provisions of the Civil Law "
    "art. 205, in force when the plan was issued; Civil Code art. 1259 from 2021): "
    "“60人以上” means 60 or more; “超过” excludes it: “超过100人” means more than 100.",
)
