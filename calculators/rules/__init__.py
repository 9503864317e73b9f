"""Calculators written as data: one generic engine for the shapes of amounts that documents use
(a fixed sum, per unit × count, a rate of an entered amount, tiers; per period with caps and limits;
conditions; "highest, not both"). The format: the README's staff guide (and the check messages).

    from calculators import rules
    rules.problems(spec)            # [] or located bilingual problems
    rules.metadata(spec)            # the METADATA dict of a Python calculator
    rules.calculate(spec, inputs)   # validate and compute, as calculators.calculate does

``calculators.register_rules(specs)`` makes data calculators callable by id like the Python ones.
"""

from decimal import localcontext

from .. import _fields as F
from .._inputs import InputError, validate
from .._text import NOTE_ESTIMATE
from . import fields, figures
from .check import problems
from .engine import compute

__all__ = ["RulesCalculator", "SpecError", "calculate", "compute", "metadata", "problems"]

# As calculators.calculate: enough digits that nothing is rounded before the fen.
PRECISION = 200


class SpecError(ValueError):
    """A calculator spec the engine cannot run: ``.problems`` as ``problems(spec)`` gives them."""

    def __init__(self, calculator_id, found):
        self.problems = found
        shown = "; ".join(f"{'.'.join(map(str, p['path'])) or '(spec)'}: {p['en']}" for p in found[:10])
        super().__init__(f"calculator spec {calculator_id!r}: {shown}")


def metadata(spec):
    """The metadata of a Python calculator (``_fields.metadata``), from the spec."""
    notes = [dict(note) for note in spec.get("notes") or []]
    if NOTE_ESTIMATE not in notes:
        notes.append(dict(NOTE_ESTIMATE))
    return F.metadata(
        id=spec["id"],
        clause=spec["clause"],
        title=dict(spec["title"]),
        summary=dict(spec["summary"]),
        applicant=dict(spec["applicant"]),
        fields=fields.fields(spec),
        notes=notes,
        figures=figures.metadata(spec),
        examples=[dict(example["inputs"]) for example in spec.get("examples") or []],
        eligible_verdict=dict(spec["eligible_verdict"]) if spec.get("eligible_verdict") else None,
    )


def _calculate(spec, meta, inputs):
    with localcontext() as context:
        context.prec = PRECISION
        values = validate(meta["fields"], inputs, fields.not_above(spec))
        return compute(spec, values)


def calculate(spec, inputs):
    """Validate ``inputs`` against the spec's fields (InputError) and compute the result."""
    return _calculate(spec, metadata(spec), inputs)


def _example_problems(spec, meta):
    found = []
    for index, example in enumerate(spec.get("examples") or []):
        path = ["examples", index]
        try:
            result = _calculate(spec, meta, example["inputs"])
        except InputError as error:
            found.append({"path": path + ["inputs"],
                          "zh": "例子的输入有误：" + "；".join(e["zh"] for e in error.errors),
                          "en": "The example's inputs are wrong: " + "; ".join(e["en"] for e in error.errors)})
            continue
        if result["total_yuan"] != example["total_yuan"]:
            found.append({"path": path + ["total_yuan"],
                          "zh": f"例子的总额写的是{example['total_yuan']}，计算结果是{result['total_yuan']}。",
                          "en": f"The example says {example['total_yuan']}; the engine computes {result['total_yuan']}."})
        if "eligible" in example and result["eligible"] is not example["eligible"]:
            found.append({"path": path + ["eligible"],
                          "zh": f"例子写的是 eligible: {example['eligible']}，计算结果是 {result['eligible']}。",
                          "en": f"The example says eligible: {example['eligible']}; the engine computes {result['eligible']}."})
    return found


class RulesCalculator:
    """A data calculator with the interface of a calculator module: ID, METADATA, NOT_ABOVE,
    compute(values). Built only from a spec without problems (else SpecError), worked examples
    included."""

    def __init__(self, spec):
        found = problems(spec)
        if not found:
            meta = metadata(spec)
            found = _example_problems(spec, meta)
        if found:
            raise SpecError(spec.get("id") if isinstance(spec, dict) else None, found)
        self.spec = spec
        self.ID = spec["id"]
        self.METADATA = meta
        self.NOT_ABOVE = fields.not_above(spec)

    def compute(self, values):
        return compute(self.spec, values)
