"""One Settings object, built once from defaults.toml, the environment and the CLI.

Every stage receives it explicitly; nothing reads configuration from globals.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULTS_FILE = PACKAGE_DIR / "defaults.toml"


@dataclass(frozen=True)
class Settings:
    """Options for one run. Frozen: a stage cannot change them for the stages after it."""

    inputs: tuple[Path, ...] = (Path("raw"),)
    out_dir: Path = Path("output")
    lang: str = "auto"  # auto, or a language code forced on every article
    supported_languages: tuple[str, ...] = ("id", "en")
    models: dict[str, str] = field(default_factory=dict)
    language: dict[str, Any] = field(default_factory=dict)  # [language] table: detection options
    people: dict[str, Any] = field(default_factory=dict)  # [people] table: annotation conventions
    max_file_bytes: int = 10_000_000
    langdetect_seed: int = 0
    batch_size: int = 64
    jobs: int = 1
    force: bool = False
    formats: tuple[str, ...] = ("csv",)
    excel_safe: bool = False
    progress: bool = False

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed (the CLI's overrides)."""
        return replace(self, **changes)

    def model_for(self, lang: str) -> str:
        """The model package name or path configured for ``lang``.

        A relative path such as ``models/id_ner`` is resolved inside the package, so the
        committed model is found wherever newspipe is installed; ``./x`` stays cwd-relative.
        """
        name = self.models[lang]
        if "/" in name and not Path(name).is_absolute() and not name.startswith("."):
            return str(PACKAGE_DIR / name)
        return name


def usable_cores() -> int:
    """Cores this process may run on (respects affinity masks and containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def load_settings(path: Path = DEFAULTS_FILE, env: dict[str, str] | None = None) -> Settings:
    """Read defaults.toml, then apply NEWSPIPE_MODEL_<LANG> environment overrides."""
    env = dict(os.environ) if env is None else env
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    models = dict(data.get("models", {}))
    for key, value in env.items():
        if key.startswith("NEWSPIPE_MODEL_") and value:
            models[key.removeprefix("NEWSPIPE_MODEL_").lower()] = value
    return Settings(
        supported_languages=tuple(data["supported_languages"]),
        models=models,
        language=dict(data.get("language", {})),
        people=dict(data.get("people", {})),
        max_file_bytes=int(data.get("max_file_bytes", 10_000_000)),
        langdetect_seed=int(data.get("langdetect_seed", 0)),
        batch_size=int(data.get("batch_size", 64)),
        jobs=usable_cores(),
    )
