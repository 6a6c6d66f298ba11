"""Session fixtures shared by the test suite.

spaCy models are loaded once per test session: ``load_nlp`` is cached per process, and these
fixtures only hand out the cached pipelines.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.settings import Settings, load_settings
from pipeline.stages.annotate import load_nlp


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Default settings, ignoring NEWSPIPE_* variables of the developer's shell."""
    return load_settings(env={})


@pytest.fixture(scope="session")
def nlp_en(settings: Settings) -> Language:
    """The English pipeline (en_core_web_sm + rules layer)."""
    return load_nlp("en", settings)


@pytest.fixture(scope="session")
def nlp_id(settings: Settings) -> Language:
    """The Indonesian pipeline (the trained pipeline/models/id_ner + rules layer)."""
    return load_nlp("id", settings)
