"""Emitters: files a team owns, written from a Plan (never from the stack file)."""
