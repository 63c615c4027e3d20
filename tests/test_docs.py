"""The docs cover the code: every command has help and a section of docs/cli.md, and every
setting is in the settings table there. `make lint` runs `cog --check docs/cli.md`, which
keeps the --help text in the page current."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import click
import pytest

from detente.cli import cli
from detente.settings import Settings

CLI_DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
COMMANDS = sorted(cli.commands)
SETTINGS = [f.name for f in fields(Settings)]


@pytest.fixture(scope="module")
def cli_doc() -> str:
    return CLI_DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def documented_settings(cli_doc: str) -> list[str]:
    """The first column of the table under "## Settings"."""
    section = cli_doc.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_text(name: str) -> None:
    command: click.Command = cli.commands[name]
    assert (command.help or "").strip(), f"detente {name} has no docstring"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"detente {name} {param.opts[0]} has no help text"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_section_in_cli_md(cli_doc: str, name: str) -> None:
    assert f"\n### detente {name}\n" in cli_doc


@pytest.mark.parametrize("name", SETTINGS)
def test_every_setting_is_documented(documented_settings: list[str], name: str) -> None:
    assert name in documented_settings


def test_the_settings_table_names_only_settings(documented_settings: list[str]) -> None:
    assert sorted(set(documented_settings) - set(SETTINGS)) == []
    assert len(documented_settings) == len(set(documented_settings))
