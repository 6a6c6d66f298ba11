"""Settings come from defaults.toml and the environment, never from code branches."""

from __future__ import annotations

from pathlib import Path

from pipeline.settings import PACKAGE_DIR, load_settings


def test_defaults_name_supported_languages_and_models() -> None:
    s = load_settings(env={})
    assert s.supported_languages == ("id", "en")
    assert set(s.supported_languages) <= set(s.models)


def test_model_name_is_configurable_by_environment() -> None:
    s = load_settings(env={"NEWSPIPE_MODEL_EN": "en_core_web_md"})
    assert s.model_for("en") == "en_core_web_md"


def test_relative_model_path_resolves_inside_package() -> None:
    s = load_settings(env={})
    assert Path(s.model_for("id")) == PACKAGE_DIR / "models" / "id_ner"


def test_config_file_drives_supported_set(tmp_path: Path) -> None:
    cfg = tmp_path / "defaults.toml"
    cfg.write_text('supported_languages = ["en"]\n[models]\nen = "x"\n', encoding="utf-8")
    s = load_settings(cfg, env={})
    assert s.supported_languages == ("en",)
    assert s.models == {"en": "x"}
