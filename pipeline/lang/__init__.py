"""Per-language knowledge, kept as data files in pipeline/lang/<code>/.

Adding a language means adding a folder; no stage branches on a language code. Stages ask for
named lexicons:

- ``lexicon(code, name)``: a ``name.txt`` file, one entry per line (a line starting ``#`` is a
  comment);
- ``mapping(code, name)``: a ``name.tsv`` file, ``term<TAB>value`` per line (value may be empty);
- ``config(code)``: the ``lang.toml`` file (regex patterns, labels and other small settings).

``merged_config_list`` joins one lang.toml list across several languages, for stages that run
before the language is known (the cleaner).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

LANG_DIR = Path(__file__).resolve().parent


def available_languages() -> tuple[str, ...]:
    """Codes of the languages that have a data folder."""
    return tuple(
        sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir() and (p / "lang.toml").exists())
    )


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


@cache
def lexicon(code: str, name: str) -> tuple[str, ...]:
    """Entries of pipeline/lang/<code>/<name>.txt, in file order (empty if absent)."""
    return tuple(line.strip() for line in _lines(LANG_DIR / code / f"{name}.txt"))


@cache
def mapping(code: str, name: str) -> dict[str, str]:
    """``term -> value`` from pipeline/lang/<code>/<name>.tsv (empty if absent)."""
    out: dict[str, str] = {}
    for line in _lines(LANG_DIR / code / f"{name}.tsv"):
        term, _, value = line.partition("\t")
        out[term.strip()] = value.strip()
    return out


@cache
def config(code: str) -> dict[str, Any]:
    """The parsed pipeline/lang/<code>/lang.toml (empty if absent)."""
    path = LANG_DIR / code / "lang.toml"
    if not path.exists():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def merged_config_list(codes: Iterable[str], key: str) -> tuple[str, ...]:
    """A list-valued key of lang.toml joined over several languages, first occurrence kept."""
    seen: dict[str, None] = {}
    for code in codes:
        for entry in config(code).get(key, []):
            seen.setdefault(entry, None)
    return tuple(seen)


@cache
def _role_keys(code: str) -> frozenset[str]:
    return frozenset(" ".join(r.lower().split()) for r in mapping(code, "roles"))


def named_by_portfolio(code: str, words: tuple[str, ...]) -> bool:
    """``words`` name a body by the portfolio of its head's title: "Kementerian Luar Negeri",
    because ``[people] body_titles`` maps "Kementerian" to "Menteri" and roles.tsv lists
    "Menteri Luar Negeri". The people and entities stages both cut a glued name there."""
    title = config(code).get("people", {}).get("body_titles", {}).get(words[0]) if words else None
    if title is None or len(words) < 2:
        return False
    return " ".join([title, *words[1:]]).lower() in _role_keys(code)
