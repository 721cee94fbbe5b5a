"""Why a safeguard the phases add is off: the phase leaves it for later, or the stack said so."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.plan.phases import PHASES


def why_off(plan: Plan, profile_field: str, what: str, setting: str) -> str:
    """`profile_field` is the PhaseProfile field that turns `what` on; `setting` the stack key
    that pins it."""
    first = min(n for n, profile in PHASES.items() if getattr(profile, profile_field))
    if plan.phase < first:
        return (
            f"{what} arrives in phase {first} (this is phase {plan.phase}); "
            f"set {setting} to have it now"
        )
    return f"the stack leaves {what} out at phase {plan.phase} ({setting})"
