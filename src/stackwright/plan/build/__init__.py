"""The planner's steps, one concern each; `plan/planner.py` runs them in order."""
