"""Training-time registry functions (passed to ``spacy train --code``).

Gazetteer features without custom runtime code: before initialisation, the vocab gets a
``lexeme_norm`` lookup table that maps every word of the gazetteers in pipeline/lang/id/
(``gazetteer_<class>.txt``) to a class token such as ``gaz_loc`` or ``gaz_loc_person``. The
tok2vec embeds NORM (now: the class for gazetteer words, the lowercase form otherwise) next to
LOWER (the word itself). The table is saved with the vocab, so ``spacy.load`` reproduces the
features with built-in code only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.lookups import Lookups
from spacy.util import registry

LANG_DIR = Path(__file__).resolve().parent.parent / "pipeline" / "lang"


def gazetteer_classes(lang: str = "id") -> dict[str, str]:
    """Word form -> class token, from pipeline/lang/<lang>/gazetteer_*.txt (sorted, stable).

    A word listed on its own line keeps only the classes of such lines ("Jakarta" is a place,
    even though "Jakarta Post" is an organisation); other words of multi-word entries take the
    entry's class ("Selatan" from "Sulawesi Selatan").
    """
    entries: list[tuple[str, list[str]]] = []
    for path in sorted((LANG_DIR / lang).glob("gazetteer_*.txt")):
        cls = path.stem.removeprefix("gazetteer_")
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = line.strip()
            if entry and not entry.startswith("#"):
                entries.append((cls, entry.split()))
    classes: dict[str, set[str]] = defaultdict(set)
    for cls, words in entries:
        if len(words) == 1:
            for form in {words[0], words[0].upper()}:
                classes[form].add(cls)
    single = set(classes)
    for cls, words in entries:
        for word in words if len(words) > 1 else ():
            for form in {word, word.upper()} - single:
                classes[form].add(cls)
    return {form: "gaz_" + "_".join(sorted(c)) for form, c in sorted(classes.items())}


@registry.callbacks("newspipe.gazetteer_norms.v1")
def gazetteer_norms(lang: str = "id") -> Callable[[Language], Language]:
    """A before_init callback that installs the gazetteer classes as NORM lookups."""

    def install(nlp: Language) -> Language:
        table = gazetteer_classes(lang)
        lookups = Lookups()
        for name in nlp.vocab.lookups.tables:
            lookups.set_table(name, nlp.vocab.lookups.get_table(name))
        lookups.add_table("lexeme_norm", table)
        nlp.vocab.lookups = lookups  # the setter installs the NORM getter
        for form, cls in table.items():  # lexemes that already exist keep old norms otherwise
            if form in nlp.vocab.strings:
                nlp.vocab[form].norm_ = cls
        return nlp

    return install
