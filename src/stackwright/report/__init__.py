"""Presenting results to a person (rich tables) or a program (JSON)."""
