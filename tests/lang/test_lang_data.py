"""Language folders are data only, and every language provides the same kinds of data."""

from __future__ import annotations

import pytest

from pipeline.lang import LANG_DIR, available_languages, config, lexicon, mapping
from pipeline.settings import load_settings

LANGS = available_languages()


def test_every_supported_language_has_a_folder() -> None:
    assert set(load_settings(env={}).supported_languages) <= set(LANGS)


def test_languages_provide_the_same_data_files() -> None:
    """Adding a language means adding the same files; a missing one is a silent gap.

    Gazetteers (gazetteer_*.txt) are optional knowledge a language may or may not have.
    """
    files = {
        code: {p.name for p in (LANG_DIR / code).iterdir() if not p.name.startswith("gazetteer_")}
        for code in LANGS
    }
    reference = files[LANGS[0]]
    for code, names in files.items():
        assert names == reference, f"{code}: {sorted(names ^ reference)}"


@pytest.mark.parametrize("code", LANGS)
def test_tsv_files_have_two_columns(code: str) -> None:
    for path in (LANG_DIR / code).glob("*.tsv"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                assert line.count("\t") == 1, f"{path.name}:{n}: {line!r}"


@pytest.mark.parametrize("code", LANGS)
def test_lexicons_have_no_duplicates(code: str) -> None:
    for path in (LANG_DIR / code).glob("*.txt"):
        entries = lexicon(code, path.stem)
        dupes = {e for e in entries if entries.count(e) > 1}
        assert not dupes, f"{path.name}: {sorted(dupes)}"
    for path in (LANG_DIR / code).glob("*.tsv"):
        assert mapping(code, path.stem), path.name


@pytest.mark.parametrize("code", LANGS)
def test_lang_toml_names_the_language(code: str) -> None:
    assert config(code)["name"]


def test_missing_files_read_as_empty() -> None:
    assert lexicon("id", "no_such_lexicon") == ()
    assert mapping("id", "no_such_mapping") == {}
