"""Bad inputs mixed into a batch of good ones: each is reported with its own code, none stops
the batch, no traceback reaches the terminal and no temporary file is left behind."""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from batch_corpus import article_text, write_corpus

REPO = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def bad_inputs(folder: Path) -> dict[str, str]:
    """Write the bad inputs; returns {file name or JSONL line id: expected error code}."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.txt").write_bytes(PNG + bytes(range(256)) * 8)
    (folder / "broken.txt").write_bytes(b"\xef\xbb\xbfBerita hari ini \xff\xfe\xfa\xfb\xc3\x28.")
    with (folder / "huge.txt").open("wb") as f:
        f.truncate(50 * 2**20)  # sparse: 50 MB without writing them
    (folder / "artifacts.txt").write_text("[iklan_1]\n\n[ad_2]\n\n\nKomentar (0)\n",
                                          encoding="utf-8")
    good = article_text(random.Random(4), "en", 99)
    lines = [json.dumps({"id": "line-ok", "text": good}), "{this is not json",
             json.dumps({"id": "line-notext", "url": "https://example.org/x"})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = {"empty.txt": "empty", "picture.txt": "binary", "broken.txt": "undecodable",
                "huge.txt": "too_large", "artifacts.txt": "only_artifacts",
                "feed.jsonl#2": "bad_json", "line-notext": "missing_text"}
    if os.geteuid() != 0:  # root reads anything, so the case cannot be made
        locked = folder / "locked.txt"
        locked.write_text(good, encoding="utf-8")
        locked.chmod(0)
        expected["locked.txt"] = "unreadable"
    return expected


@pytest.mark.slow
def test_bad_inputs_are_reported_and_the_good_ones_written(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    good = {p.name for p in write_corpus(inputs, 4)} | {"line-ok"}
    expected = bad_inputs(inputs)
    missing = tmp_path / "no-such-folder"
    expected[missing.name] = "not_found"

    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(inputs), str(missing), "--out", str(out),
         "--jobs", "2", "--no-progress"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout

    with (out / "articles.csv").open(encoding="utf-8", newline="") as f:
        written = {r["article_id"] for r in csv.DictReader(f)}
    assert good <= written
    with (out / "errors.csv").open(encoding="utf-8", newline="") as f:
        errors = list(csv.DictReader(f))
    reported = {}
    for row in errors:
        assert row["message"].strip() and "\n" not in row["message"]
        reported[row["article_id"]] = row["error"]
    assert reported == expected
    assert not written & set(expected)
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    assert "error" in proc.stderr  # the summary names the failures
