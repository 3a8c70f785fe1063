"""Docs are tested: every CLI command is shown in README.md and has help text; ARCHITECTURE names every module."""

from __future__ import annotations

from pathlib import Path

import typer

from newsgraph.cli import app

ROOT = Path(__file__).resolve().parents[1]


def command_paths() -> list[str]:
    group = typer.main.get_command(app)
    out = []
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):
            out.extend(f"{name} {sub}" for sub in cmd.commands)
        else:
            out.append(name)
    return out


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    missing = [c for c in command_paths() if f"newsgraph {c}" not in readme]
    assert not missing, f"README.md does not show: {missing}"


def test_every_command_has_a_docstring() -> None:
    group = typer.main.get_command(app)
    for name, cmd in group.commands.items():
        subs = cmd.commands.values() if hasattr(cmd, "commands") else [cmd]
        for sub in subs:
            assert (sub.help or "").strip(), name


def test_architecture_names_every_package_module() -> None:
    arch = (ROOT / "ARCHITECTURE.md").read_text()
    pkg = ROOT / "src" / "newsgraph"
    names = {p.stem for p in pkg.glob("*.py") if p.stem != "__init__"}
    names |= {p.name for p in pkg.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    missing = sorted(n for n in names if n not in arch)
    assert not missing, f"ARCHITECTURE.md does not mention: {missing}"
