"""The README keeps its promises: the two set-up commands, every command and setting."""

from __future__ import annotations

from conftest import ROOT
from kgbuild.cli import main
from kgbuild.settings import SETTINGS, markdown_table

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    blocks = [b.split("```", 1)[0].strip() for b in README.split("```sh\n")[1:3]]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "kgbuild build examples" in blocks[0]
    assert blocks[1] in ci.splitlines()


def test_every_command_and_setting_is_documented() -> None:
    for name in main.commands:
        assert f"kgbuild {name}" in README, name
    for setting in SETTINGS.values():
        assert setting.env in README and setting.default in README, setting.name


def test_the_settings_table_is_generated_from_the_settings() -> None:
    assert markdown_table() in README


def test_help_names_each_setting_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    text = CliRunner().invoke(main, ["build", "--help"], terminal_width=200).output
    assert "env var: KGBUILD_STORE" in text and text.count("default: kgstore") == 1, text


def test_settings_are_read_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kgbuild import settings

    settings.reread()
    monkeypatch.setenv("KGBUILD_CONFIG", "first.toml")
    assert settings.setting("config") == "first.toml"
    monkeypatch.setenv("KGBUILD_CONFIG", "second.toml")
    assert settings.setting("config") == "first.toml", "the environment is read once"
    settings.reread()
    assert settings.setting("config") == "second.toml"
    monkeypatch.delenv("KGBUILD_CONFIG")
    settings.reread()
