"""The choices the files offer, named once in a module that loads nothing else, so that the
command line can list them in its options without loading pandas, openpyxl or the solver."""

from __future__ import annotations

MODES = ("plain", "rotating")  # Settings: a roster per person, or rotation patterns
SHAPES = ("grid", "list")  # an HR availability file: a person-by-date grid, or one line a request
SHIFT_KINDS = ("prefer", "fixed")  # what a shift code in an HR file asks for
VIEWS = ("team", "person", "both")  # the printable roster's pages
PERIODS = ("week", "month")  # a printable page's span
INPUT_FORMATS = ("xlsx", "curtois")  # `roster solve --format`: an input workbook or a benchmark

# The Settings sheet's numbers: (lowest, highest, whole), shared by its rows and the options
SETTING_RANGES = {
    "weeks": (1, 52, True),
    "time_limit_seconds": (0.1, 86400, False),
    "seed": (0, 2**31 - 1, True),
    "workers": (1, 64, True),
    "pattern_weeks": (1, 52, True),
    "rotation_week": (1, 5200, True),  # weeks since the rotation began: a hundred years
    "lookback_weeks": (0, 52, True),
}
