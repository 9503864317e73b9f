"""What one computation reads: the spec's inputs and figures, and the validated values."""

from . import figures, units
from .fields import by_id as inputs_by_id
from .fields import unit_of


class Context:
    def __init__(self, spec, values):
        self.spec = spec
        self.inputs = inputs_by_id(spec)
        self.figures = figures.by_id(spec)
        self.figure_values = figures.values(spec)
        self.values = values

    def figure(self, reference):
        """A figure reference's exact value (Decimal)."""
        return self.figure_values[reference["figure"]]

    def figure_unit(self, reference):
        return self.figures[reference["figure"]]["unit"]

    def figure_text(self, reference):
        """The figure as a sentence writes it: 1.2万元/年, 6个月, 50%."""
        return units.quantity(self.figure(reference), self.figure_unit(reference))

    def in_unit_of(self, reference, input_id):
        """The figure's value in the unit of an input (a limit of 1 year on months is 12)."""
        factor = units.factor(self.figure_unit(reference), unit_of(self.inputs[input_id]))
        return self.figure(reference) * factor

    def value(self, input_id):
        return self.values.get(input_id)
