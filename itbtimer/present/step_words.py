"""A step in a few words: one description for the running screen's "Next:", a media
remote's title line and the coach's voice, so the three never name a step differently."""

from __future__ import annotations

from itbtimer.core.plan import Step, StepKind


def side_words(step: Step) -> str:
    """"left side", "right leg" (an exercise whose name says leg); "" without a side."""
    if not step.side:
        return ""
    return f"{step.side} {'leg' if 'leg' in step.name.lower() else 'side'}"


def describe_step(step: Step) -> str:
    """"Plank — left side (set 2 of 2)", "Rest, then Plank", "Get ready: Squat",
    "Switch to the right leg: Single leg dips"."""
    if step.kind == StepKind.REST:
        return f"Rest, then {step.exercise}" if step.exercise else "Rest"
    if step.kind == StepKind.GET_READY:
        return f"Get ready: {step.exercise or step.section}"
    if step.kind == StepKind.SWITCH:
        return f"Switch to the {side_words(step) or 'other side'}: {step.name}"
    side = f" — {side_words(step)}" if step.side else ""
    of_sets = f" (set {step.set} of {step.sets})" if step.sets and step.sets > 1 else ""
    return f"{step.name}{side}{of_sets}"
