"""Checks before deploy: rules over a Plan, each in a file of its own under `rules/`."""
