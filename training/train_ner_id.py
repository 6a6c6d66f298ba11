"""Rebuild pipeline/models/id_ner from the shared Indonesian NER data (``make train-ner-id``).

Steps, all deterministic (fixed seed in the config, sorted inputs, one thread):
1. convert NERGrit + IDNer2k train/dev, and the sentences written for this project
   (training/data/ner-id-written.txt, train only: EXTRA), to DocBin files in training/out/
   (git-ignored), tagging the places IDNer2k leaves untagged so all follow one convention
   (data.py);
2. ``spacy train`` with training/configs/ner_id.cfg;
3. train the ensemble members the same way with other seeds (MEMBER_SEEDS);
4. copy model-best into pipeline/models/id_ner and each member's model-best into
   pipeline/models/id_ner/members/seed<N>/ (pipeline/ner_ensemble.py votes over them), keeping
   only what inference needs, and swap the directory in atomically so the committed model stays
   loadable while training runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from pipeline.ner_ensemble import MEMBERS_DIR, member_dirs
from training.data import (
    CORPORA,
    EXTRA_CORPORA,
    REPO,
    listed_places,
    replace_mentions,
    tag_listed_places,
    to_doc,
)

OUT = REPO / "training" / "out"
CONFIG = REPO / "training" / "configs" / "ner_id.cfg"
MODEL_DIR = REPO / "pipeline" / "models" / "id_ner"
# Files in the model dir that are documentation, not produced by training: kept across rebuilds.
KEEP = ("MODEL_CARD.md",)
# Mention-replaced copies of the training sentences added to the training data (see data.py).
AUGMENT = 0
# Seeds of the extra ensemble members (the main model uses the config's seed, 42). Three models
# voting gained 1-2 dev F1 over single runs (MODEL_CARD.md); each member costs one more forward
# pass, so three keep the product above 5,000 words/s.
MEMBER_SEEDS = (0, 1)
# Training corpora written for this project, added to NERGrit + IDNer2k (training/data/):
# +0.5 / +1.5 / +1.4 dev F1 for the ensemble (MODEL_CARD.md).
EXTRA = ("written",)


def convert(
    out: Path, augment: int = 0, all_places: bool = True, extra: tuple[str, ...] = ()
) -> dict[str, Path]:
    """Write train.spacy and dev.spacy (both corpora; also one file per corpus for experiments).

    ``extra`` names corpora of :data:`EXTRA_CORPORA` added to the training split only.

    Only words, spaces and entities are stored: the pipeline's own lexical attributes (NORM
    carries the gazetteer classes) must be computed by the vocab at training time.
    """
    out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("id")
    paths: dict[str, Path] = {}
    attrs = ["ORTH", "SPACY", "ENT_IOB", "ENT_TYPE"]
    places = listed_places()
    longest = max(map(len, places))
    for split in ("train", "dev"):
        both = DocBin(attrs=attrs)
        suffix = f"-aug{augment}" if augment and split == "train" else ""
        suffix += "-allplaces" if all_places else ""
        suffix += "".join(f"-{name}" for name in extra if split == "train")
        readers = {**CORPORA, **{name: EXTRA_CORPORA[name] for name in extra}}
        for name in sorted(readers):
            sents = readers[name](split)
            if not sents:
                continue
            one = DocBin(attrs=attrs)
            if all_places:  # dev too: model selection must follow the convention trained on
                sents = [tag_listed_places(s, places, longest) for s in sents]
            if split == "train":
                sents = sents + [
                    s for i in range(augment) for s in replace_mentions(sents, seed=i)
                ]
            for sent in sents:
                doc = to_doc(nlp.vocab, sent)
                both.add(doc)
                one.add(doc)
            one.to_disk(out / f"{split}-{name}{suffix}.spacy")
        paths[split] = out / f"{split}{suffix}.spacy"
        both.to_disk(paths[split])
    return paths


def train(config: Path, output: Path, paths: dict[str, Path], overrides: list[str]) -> float:
    """Run ``spacy train`` in a subprocess (one thread); return the wall time in seconds."""
    cmd = [
        sys.executable, "-m", "spacy", "train", str(config),
        "--output", str(output),
        "--paths.train", str(paths["train"]),
        "--paths.dev", str(paths["dev"]),
        *overrides,
    ]
    code = REPO / "training" / "components.py"
    if code.exists():
        cmd += ["--code", str(code)]
    env_cmd = ["env", "OMP_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1", "MKL_NUM_THREADS=1", *cmd]
    start = time.perf_counter()
    subprocess.run(env_cmd, check=True, cwd=REPO)
    return time.perf_counter() - start


def install(
    best: Path,
    target: Path,
    meta_extra: dict[str, object],
    members: dict[str, Path] | None = None,
) -> None:
    """Copy a trained pipeline (and its ensemble ``members``: name -> model-best) to ``target``
    without training leftovers, swapping atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".id_ner.", dir=target.parent))
    try:
        nlp = spacy.load(best)
        nlp.meta.update(meta_extra)
        nlp.to_disk(tmp)
        for name, path in sorted((members or {}).items()):
            (tmp / MEMBERS_DIR).mkdir(exist_ok=True)
            member = spacy.load(path)
            member.meta.update({**meta_extra, "name": f"id_ner_{name}"})
            member.to_disk(tmp / MEMBERS_DIR / name)
        for name in KEEP:
            if (target / name).exists():
                shutil.copy2(target / name, tmp / name)
        for path in [tmp, *tmp.rglob("*")]:  # mkdtemp makes it private; the model is shared
            path.chmod(0o755 if path.is_dir() else 0o644)
        spacy.load(tmp)  # refuse to install something that does not load
        for path in member_dirs(tmp):
            spacy.load(path)
        old = target.with_name(target.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            target.rename(old)
        tmp.rename(target)
        if old.exists():
            shutil.rmtree(old)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def main(argv: list[str] | None = None) -> None:
    """Convert, train, install. Extra ``--section.key value`` arguments go to spacy train."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--output", type=Path, default=OUT / "model")
    parser.add_argument("--no-install", action="store_true", help="train only; keep the model")
    parser.add_argument(
        "--augment", type=int, default=AUGMENT, help="mention-replaced copies of the train data"
    )
    parser.add_argument(
        "--corpus-places",
        action="store_true",
        help="keep each corpus's own place convention (IDNer2k leaves many places untagged)",
    )
    parser.add_argument("--train-file", type=Path, help="experiments: another train .spacy")
    parser.add_argument(
        "--extra",
        nargs="*",
        default=list(EXTRA),
        choices=sorted(EXTRA_CORPORA),
        help="extra training corpora (training/data/); none: the shared corpora alone",
    )
    parser.add_argument(
        "--member-seeds",
        type=int,
        nargs="*",
        default=list(MEMBER_SEEDS),
        help="seeds of the extra ensemble members (none: a single model)",
    )
    args, overrides = parser.parse_known_args(argv)
    paths = convert(OUT, args.augment, all_places=not args.corpus_places, extra=tuple(args.extra))
    if args.train_file:
        paths["train"] = args.train_file
    seconds = train(args.config, args.output, paths, overrides)
    members: dict[str, Path] = {}
    for seed in args.member_seeds:
        out = args.output / "members" / f"seed{seed}"
        seconds += train(args.config, out, paths, [*overrides, "--system.seed", str(seed)])
        members[f"seed{seed}"] = out / "model-best"
    print(f"training took {seconds / 60:.1f} min")
    (args.output / "train_time.json").write_text(json.dumps({"seconds": round(seconds)}))
    if not args.no_install:
        meta = {
            "name": "id_ner",
            "version": "1.2.0",
            "description": "Indonesian NER (PERSON, ORG, LOC) trained on NERGrit + IDNer2k "
            "+ sentences written for newspipe; see MODEL_CARD.md",
            "license": "MIT (model); data: Apache-2.0 (NERGrit/IndoNLU), MIT (IDNer2k), "
            "MIT (training/data, written for newspipe)",
            "training_seconds": round(seconds),
        }
        install(args.output / "model-best", MODEL_DIR, meta, members)
        print(f"installed {MODEL_DIR}")


if __name__ == "__main__":
    main()
