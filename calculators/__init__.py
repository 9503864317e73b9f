"""Subsidy calculators for the employment promotion plan.

Pure Python, standard library only: the same code runs in CPython (tests,
site generator) and in Pyodide (the website's calculator forms).

    from calculators import calculate, InputError, CALCULATORS
    calculate("enterprise_hiring_award", {"enterprise_type": "non_public",
              "new_local_hires": 16, "new_local_graduates": 10, "year": 2019})
"""

from decimal import localcontext

from . import (
    enterprise_hiring_award,
    farmer_herder_transfer,
    graduate_outside_region,
    internship_subsidy,
    loan_guarantee_reward,
    poverty_labor,
    startup_loan,
    temporary_assistance,
)
from ._inputs import InputError, error, validate
from .bridge import calculate_json
from .finder import find, find_json, forget_held_rules, hold_rules_json
from .rules import registry as _rules_registry

__all__ = ["CALCULATORS", "InputError", "calculate", "calculate_json", "find", "find_json",
           "hold_rules_json", "register_rules", "register_rules_json"]

_MODULES = (
    enterprise_hiring_award,
    startup_loan,
    loan_guarantee_reward,
    internship_subsidy,
    graduate_outside_region,
    farmer_herder_transfer,
    poverty_labor,
    temporary_assistance,
)

# Calculator id -> metadata (JSON-serialisable), in the order of the plan.
CALCULATORS = {module.ID: module.METADATA for module in _MODULES}
_BY_ID = {module.ID: module for module in _MODULES}


def register_rules(specs):
    """Add calculators written as data (``calculators.rules``; a list of specs) to CALCULATORS and
    to ``calculate``; returns their ids. See ``rules.registry.register``. The finder's held rules
    are dropped (their lookups read the calculators' metadata)."""
    forget_held_rules()
    return _rules_registry.register(specs, CALCULATORS, _BY_ID)


def register_rules_json(specs_json):
    """``register_rules`` for the browser worker: JSON text in, JSON text out."""
    forget_held_rules()
    return _rules_registry.register_json(specs_json, CALCULATORS, _BY_ID)


# Enough digits that no product of inputs is ever rounded before the final
# rounding to the fen (which names ROUND_HALF_UP itself, see _money).
_PRECISION = 200


def calculate(calculator_id, inputs):
    """Run one calculator on JSON-like inputs; return a JSON-serialisable dict.

    Raises InputError (a ValueError) for an unknown calculator or bad inputs.
    """
    if not isinstance(calculator_id, str):
        raise InputError([error(None, "计算器编号必须是文本。", "The calculator id must be text.")])
    module = _BY_ID.get(calculator_id)
    if module is None:
        shown = calculator_id if len(calculator_id) <= 60 else calculator_id[:60] + "…"
        raise InputError([error(
            None,
            f"没有名为「{shown}」的计算器。",
            f"There is no calculator called “{shown}”.",
        )])
    with localcontext() as context:
        context.prec = _PRECISION
        values = validate(module.METADATA["fields"], inputs, module.NOT_ABOVE)
        return module.compute(values)
