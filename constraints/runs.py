"""Shared by the minimum-run rules: a run of working days, or of days off, that is too short."""

from __future__ import annotations

from roster.rule import BuildContext, Penalty

from .max_consecutive_days import runs_of


def forbid_short_runs(
    ctx: BuildContext, staff_id: str, minimum: int, *, working: bool
) -> list[Penalty]:
    """No run of working days (`working`) or of days off shorter than `minimum` between two days
    of the other kind; one unit of penalty per short run.

    A run that touches the horizon's first or last day is not judged: the days beyond are
    unknown, unless a history tells the days before the first. For each length k below the
    minimum the pattern "other, k x this, other" is ruled out, as a linear limit on the day
    booleans: `inside - edges <= k - 1` for work and `edges - inside <= 1` for days off.
    """
    penalties: list[Penalty] = []
    for length in range(1, minimum):
        for window in runs_of(ctx.problem, length + 2):
            days = [ctx.works.working(staff_id, day) for day in window]
            edges, inside = days[0] + days[-1], sum(days[1:-1])
            first = max(window[1], 0)  # a run that began in the history: its first day here
            if working:
                penalties += ctx.at_most(inside - edges, length - 1, staff_id=staff_id, day=first)
            else:  # work, `length` days off, work
                penalties += ctx.at_most(edges - inside, 1, staff_id=staff_id, day=first)
    return penalties
