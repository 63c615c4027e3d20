"""Placeholder until this module is written."""

COMMANDS: list = []
