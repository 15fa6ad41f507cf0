"""The roster rules, one module each, in the order they are built and reported."""

from __future__ import annotations

from roster.rule import Rule

from .availability import Availability
from .combined_shifts import CombinedShifts
from .coverage import Coverage
from .fair_holidays import FairHolidays
from .fair_hours import FairHours
from .fair_preferences import FairPreferences
from .fair_shift_counts import FairShiftCounts
from .fair_weekends import FairWeekends
from .fixed_assignments import FixedAssignments
from .frozen_days import FrozenDays
from .keep_roster import KeepRoster
from .max_consecutive_days import MaxConsecutiveDays
from .max_days_per_week import MaxDaysPerWeek
from .max_hours_per_week import MaxHoursPerWeek
from .max_shifts_per_code import MaxShiftsPerCode
from .max_weekends import MaxWeekends
from .min_consecutive_days import MinConsecutiveDays
from .min_consecutive_days_off import MinConsecutiveDaysOff
from .min_days_off_per_week import MinDaysOffPerWeek
from .min_rest import MinRest
from .one_shift_per_day import OneShiftPerDay
from .overstaffing import Overstaffing
from .preferences import Preferences
from .remote_shifts import RemoteShifts
from .rotation import Rotation
from .shift_demand import ShiftDemandRule
from .shift_successions import ShiftSuccessions
from .skill_coverage import SkillCoverage
from .total_hours import TotalHours

REGISTRY: tuple[type[Rule], ...] = (
    Coverage,
    SkillCoverage,
    ShiftDemandRule,
    Overstaffing,
    OneShiftPerDay,
    Availability,
    FixedAssignments,
    FrozenDays,
    RemoteShifts,
    MinRest,
    ShiftSuccessions,
    MaxDaysPerWeek,
    MinDaysOffPerWeek,
    MaxConsecutiveDays,
    MaxHoursPerWeek,
    MaxShiftsPerCode,
    TotalHours,
    MaxWeekends,
    MinConsecutiveDays,
    MinConsecutiveDaysOff,
    Preferences,
    CombinedShifts,
    FairShiftCounts,
    FairWeekends,
    FairHolidays,
    FairHours,
    FairPreferences,
    Rotation,
    KeepRoster,
)

RULES_BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in REGISTRY}
