"""run_batch: ordering, parallel determinism, incremental runs, crash safety, run.json."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from batch_corpus import article_text, read_tables, write_corpus

from pipeline import batch
from pipeline.batch import CRASH_HOOK, WORKER_EXIT_HOOK, run_batch
from pipeline.settings import Settings, load_settings
from pipeline.tables import TABLES

REPO = Path(__file__).resolve().parents[1]


def settings_for(inputs: Path, out: Path, **changes: object) -> Settings:
    base = load_settings().with_(inputs=(inputs,), out_dir=out, jobs=1, progress=False)
    return base.with_(**changes)


def rows(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def article_ids(out: Path) -> list[str]:
    return [r["article_id"] for r in rows(out, "articles")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 10)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An uninterrupted 1-job run of the corpus: the output every other run must equal."""
    out = tmp_path_factory.mktemp("reference")
    run_batch(settings_for(corpus, out, batch_size=3))
    return out


def test_every_table_is_written_with_rows_ordered_by_key(reference: Path, corpus: Path) -> None:
    assert sorted(p.name for p in reference.glob("*.csv")) == sorted(f"{t}.csv" for t in TABLES)
    ids = article_ids(reference)
    assert ids == sorted(p.name for p in corpus.glob("*.txt"))
    blocks = [(r["article_id"], int(r["block_id"])) for r in rows(reference, "blocks")]
    assert blocks and blocks == sorted(blocks)
    assert {a for a, _ in blocks} <= set(ids)


@pytest.mark.slow
def test_two_jobs_and_any_batch_size_give_byte_identical_output(
    corpus: Path, reference: Path, tmp_path: Path
) -> None:
    run_batch(settings_for(corpus, tmp_path / "j2", jobs=2, batch_size=2))
    run_batch(settings_for(corpus, tmp_path / "b64", batch_size=64))
    assert read_tables(tmp_path / "j2") == read_tables(reference)
    assert read_tables(tmp_path / "b64") == read_tables(reference)


def test_rerun_reuses_cache_and_follows_changes(corpus: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for p in corpus.glob("*.txt"):
        (inputs / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out"
    first = run_batch(settings_for(inputs, out))
    assert (first.n_processed, first.n_reused) == (10, 0)
    fresh = read_tables(out)

    again = run_batch(settings_for(inputs, out))
    assert (again.n_processed, again.n_reused) == (0, 10)
    assert read_tables(out) == fresh

    # one article changed, one removed, one added
    changed, removed = sorted(inputs.glob("*.txt"))[:2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nParagraf tambahan.\n",
                       encoding="utf-8")
    removed.unlink()
    (inputs / "zz-new.txt").write_bytes(sorted(corpus.glob("*.txt"))[5].read_bytes())
    third = run_batch(settings_for(inputs, out))
    assert (third.n_processed, third.n_reused) == (2, 8)
    ids = article_ids(out)
    assert removed.name not in ids and "zz-new.txt" in ids and changed.name in ids
    assert removed.name not in {r["article_id"] for r in rows(out, "blocks")}
    assert third.n_pruned == 1

    forced = run_batch(settings_for(inputs, out, force=True))
    assert (forced.n_processed, forced.n_reused) == (10, 0)


def test_a_new_pipeline_version_reprocesses(corpus: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    run_batch(settings_for(corpus, out))
    real = batch.pipeline_version
    monkeypatch.setattr(batch, "pipeline_version", lambda s: ("another", real(s)[1]))
    summary = run_batch(settings_for(corpus, out))
    assert (summary.n_processed, summary.n_reused) == (10, 0)


def test_pipeline_version_follows_output_settings(tmp_path: Path) -> None:
    base = load_settings()
    key = batch.pipeline_version(base)[0]
    assert batch.pipeline_version(base.with_(jobs=7, batch_size=5, out_dir=tmp_path))[0] == key
    assert batch.pipeline_version(base.with_(lang="en"))[0] != key
    assert batch.pipeline_version(base.with_(langdetect_seed=1))[0] != key


def test_run_json_and_summary(reference: Path) -> None:
    run = json.loads((reference / "run.json").read_text(encoding="utf-8"))
    assert run["articles"] == {"total": 10, "processed": 10, "reused_from_cache": 0,
                               "removed_from_cache": 0}
    assert sum(run["statuses"].values()) == 10
    assert sum(run["languages"].values()) == 10 - run["statuses"].get("error", 0)
    versions = run["versions"]
    assert versions["python"] == ".".join(map(str, sys.version_info[:3]))
    assert versions["spacy"] and versions["newspipe"]
    assert set(versions["models_loaded"]) <= set(versions["models_configured"])
    stages = run["timings"]["stage_seconds_summed_over_articles"]
    assert {"ingest", "clean", "segment", "language", "write"} <= set(stages)
    assert run["timings"]["wall_seconds"] > 0


def test_duplicate_article_ids_are_errors_not_overwrites(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    write_corpus(one, 2)
    write_corpus(two, 2, seed=99)
    out = tmp_path / "out"
    summary = run_batch(load_settings().with_(inputs=(one, two), out_dir=out, jobs=1))
    assert article_ids(out) == sorted(p.name for p in one.glob("*.txt"))
    errors = rows(out, "errors")
    assert [e["error"] for e in errors] == ["duplicate_id", "duplicate_id"]
    assert all(e["source_path"].startswith(str(two)) for e in errors)
    assert summary.n_errors == 2


def test_repeated_jsonl_ids_are_distinct_error_rows_and_export_to_sqlite(tmp_path: Path) -> None:
    """Each repeat of an id is its own row, so errors keep a primary key sqlite accepts."""
    src = tmp_path / "in"
    src.mkdir()
    text = json.dumps({"id": "same", "text": article_text(random.Random(1), "en", 0)})
    (src / "feed.jsonl").write_text("\n".join([text] * 3) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    settings = load_settings().with_(inputs=(src,), out_dir=out, jobs=1, formats=("csv", "sqlite"))
    summary = run_batch(settings)
    errors = rows(out, "errors")
    assert [e["error"] for e in errors] == ["duplicate_id", "duplicate_id"]
    assert len({e["message"] for e in errors}) == 2
    assert summary.n_errors == 2
    with sqlite3.connect(out / "newspipe.sqlite") as db:
        assert db.execute("select count(*) from errors").fetchone() == (2,)


def test_stale_temp_files_of_a_killed_run_are_removed(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".blocks.abc123.csv.tmp").write_text("half a table")
    (out / "notes.txt").write_text("mine")
    run_batch(settings_for(corpus, out))
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))
    assert (out / "notes.txt").read_text() == "mine"


@pytest.mark.slow
def test_a_dead_worker_costs_its_batch_not_the_run(
    corpus: Path, reference: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    victim = sorted(p.name for p in corpus.glob("*.txt"))[4]
    monkeypatch.setenv(WORKER_EXIT_HOOK, victim)
    summary = run_batch(settings_for(corpus, out, jobs=2, batch_size=2))
    errors = {r["article_id"]: r for r in rows(out, "errors")}
    assert errors[victim]["error"] == "internal_error"
    assert "worker process died" in errors[victim]["message"]
    assert set(errors) | set(article_ids(out)) == {p.name for p in corpus.glob("*.txt")}
    assert summary.n_errors == len(errors) < 10

    monkeypatch.delenv(WORKER_EXIT_HOOK)
    rerun = run_batch(settings_for(corpus, out, jobs=2, batch_size=2))
    assert rerun.n_processed == len(errors)  # lost batches were not cached: retried
    assert read_tables(out) == read_tables(reference)


# -- crashes and interruptions (real processes) ----------------------------------------------


def cli(inputs: Path, out: Path, *extra: str, env: dict[str, str] | None = None,
        **kwargs: object) -> subprocess.Popen[str]:
    """The real command line in a child process."""
    cmd = [sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out),
           "--no-progress", *extra]
    full_env = {**os.environ, **(env or {})}
    return subprocess.Popen(cmd, cwd=REPO, env=full_env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """More articles than one batch (64), so a run can die with some batches committed."""
    folder = tmp_path_factory.mktemp("big")
    write_corpus(folder, 150, seed=3, paragraphs=2)
    return folder


@pytest.fixture(scope="module")
def big_reference(big_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("big-reference")
    run_batch(settings_for(big_corpus, out))
    return out


def cached_articles(out: Path) -> int:
    path = out / ".newspipe" / "cache.sqlite"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_killed_run_then_rerun_equals_uninterrupted_run(
    big_corpus: Path, big_reference: Path, tmp_path: Path, jobs: str
) -> None:
    out = tmp_path / "out"
    # A complete earlier output, from an older version of the inputs.
    older = tmp_path / "older"
    write_corpus(older, 20, seed=11, prefix="old-")
    assert cli(older, out, "--jobs", jobs).wait() == 0
    previous = read_tables(out)

    killed = cli(big_corpus, out, "--jobs", jobs, env={CRASH_HOOK: "64"})
    _, err = killed.communicate(timeout=300)
    assert killed.returncode == 137, err
    assert read_tables(out) == previous  # the earlier output is untouched
    assert not list(out.glob(".*.tmp"))
    assert 20 + 64 <= cached_articles(out) < 20 + 150

    rerun = cli(big_corpus, out, "--jobs", jobs)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert read_tables(out) == read_tables(big_reference)
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["articles"]["reused_from_cache"] >= 64
    assert run["articles"]["processed"] + run["articles"]["reused_from_cache"] == 150


@pytest.mark.slow
def test_interrupted_run_keeps_previous_output_and_rerun_finishes(
    big_corpus: Path, big_reference: Path, tmp_path: Path
) -> None:
    """Ctrl-C (SIGTERM takes the same path) in the middle of a 2-job run."""
    out = tmp_path / "out"
    older = tmp_path / "older"
    write_corpus(older, 4, seed=5, prefix="old-")
    assert cli(older, out, "--jobs", "1").wait() == 0
    previous = read_tables(out)

    # A shell starts background jobs with SIGINT ignored, which children inherit; the run
    # must see Ctrl-C as a terminal would deliver it.
    proc = cli(big_corpus, out, "--jobs", "2", "--force",
               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # Interrupt once both workers are up and busy: well before the 150 articles are done.
    deadline = time.monotonic() + 240
    parent = psutil.Process(proc.pid)
    while proc.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(psutil.Error):
            if len(parent.children()) >= 2:
                break
        time.sleep(0.05)
    time.sleep(1.0)
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be interrupted")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted" in err
    assert read_tables(out) == previous
    assert not list(out.glob(".*.tmp"))

    rerun = cli(big_corpus, out, "--jobs", "1")
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert read_tables(out) == read_tables(big_reference)
