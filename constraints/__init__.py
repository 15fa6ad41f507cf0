"""The roster rules, one module each, in the order they are built and reported."""

from __future__ import annotations

from constraints.availability import Availability
from constraints.combined_shifts import CombinedShifts
from constraints.coverage import Coverage
from constraints.fair_holidays import FairHolidays
from constraints.fair_hours import FairHours
from constraints.fair_preferences import FairPreferences
from constraints.fair_shift_counts import FairShiftCounts
from constraints.fair_weekends import FairWeekends
from constraints.fixed_assignments import FixedAssignments
from constraints.frozen_days import FrozenDays
from constraints.keep_roster import KeepRoster
from constraints.max_consecutive_days import MaxConsecutiveDays
from constraints.max_days_per_week import MaxDaysPerWeek
from constraints.max_hours_per_week import MaxHoursPerWeek
from constraints.max_shifts_per_code import MaxShiftsPerCode
from constraints.max_weekends import MaxWeekends
from constraints.min_consecutive_days import MinConsecutiveDays
from constraints.min_consecutive_days_off import MinConsecutiveDaysOff
from constraints.min_days_off_per_week import MinDaysOffPerWeek
from constraints.min_rest import MinRest
from constraints.one_shift_per_day import OneShiftPerDay
from constraints.overstaffing import Overstaffing
from constraints.preferences import Preferences
from constraints.remote_shifts import RemoteShifts
from constraints.rotation import Rotation
from constraints.shift_demand import ShiftDemandRule
from constraints.shift_successions import ShiftSuccessions
from constraints.skill_coverage import SkillCoverage
from constraints.total_hours import TotalHours
from roster.rule import Rule

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
