"""Batch orchestration: stream the inputs through worker processes, cache, write, summarise.

The main process reads the inputs one at a time (ingest), skips the articles whose cached rows
are still valid, and hands the others to workers in batches of ``settings.batch_size``. Workers
run every stage (see :mod:`pipeline.runner`) and return small serialised records; the main
process stores each batch in the cache in one transaction. When every input is done, the
tables are rebuilt from the cache in article_id order into temporary files and renamed into
place. Memory stays flat: only a bounded number of batches is ever in flight.

Test hook: the environment variable ``NEWSPIPE_TEST_CRASH_AFTER=N`` makes the run kill its
workers and itself (``os._exit``) as soon as at least N processed articles are committed to the
cache, which simulates a SIGKILL at a deterministic point. ``NEWSPIPE_TEST_WORKER_EXIT=<id>``
makes the worker that gets article ``<id>`` exit abruptly, as if the OOM killer took it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import multiprocessing
import os
import platform
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.cache import (
    CACHE_FILE,
    ERROR_STATUS,
    STATE_DIR,
    CachedResult,
    ResultCache,
    content_hash,
    pipeline_version,
)
from pipeline.records import ArticleError, RawArticle
from pipeline.runner import INTERNAL_ERROR, process_serialised
from pipeline.settings import Settings
from pipeline.stages.ingest import read_inputs
from pipeline.writer import remove_stale_temp_files, write_tables

CRASH_HOOK = "NEWSPIPE_TEST_CRASH_AFTER"
WORKER_EXIT_HOOK = "NEWSPIPE_TEST_WORKER_EXIT"
START_METHOD_ENV = "NEWSPIPE_START_METHOD"
# spawn: workers start from a clean interpreter, so no lock or BLAS thread pool of the parent is
# inherited half-initialised (the parent runs tqdm's monitor thread and SQLite). It costs about
# a second per worker at start-up, once per run; see bench/README for the measurement.
DEFAULT_START_METHOD = "spawn"
# One BLAS/OpenMP thread per worker: the workers are the parallelism.
_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
RUN_JSON = "run.json"
STAGE_ORDER = ("ingest", "clean", "segment", "language", "load_model", "annotate", "entities",
               "people", "quotes", "write", "export")


class RunError(Exception):
    """A run that cannot start (a usage error, exit code 2): the message says why."""


@dataclass
class RunSummary:
    """Counts, timings and versions of one run; printed as a one-screen summary."""

    statuses: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    error_codes: Counter[str] = field(default_factory=Counter)
    n_errors: int = 0
    n_processed: int = 0
    n_reused: int = 0
    n_pruned: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    wall_seconds: float = 0.0
    out_dir: str = ""
    jobs: int = 1
    versions: dict[str, Any] = field(default_factory=dict)

    def add_timings(self, timings: dict[str, float]) -> None:
        for stage, seconds in timings.items():
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + seconds
        self.stage_seconds = dict(sorted(
            self.stage_seconds.items(),
            key=lambda kv: (STAGE_ORDER.index(kv[0]) if kv[0] in STAGE_ORDER else 99, kv[0]),
        ))

    def to_json(self) -> dict[str, Any]:
        """The content of output/run.json."""
        return {
            "versions": self.versions,
            "out_dir": self.out_dir,
            "jobs": self.jobs,
            "articles": {
                "total": sum(self.statuses.values()),
                "processed": self.n_processed,
                "reused_from_cache": self.n_reused,
                "removed_from_cache": self.n_pruned,
            },
            "statuses": dict(sorted(self.statuses.items())),
            "languages": dict(sorted(self.languages.items())),
            "errors": dict(sorted(self.error_codes.items())),
            "timings": {
                "wall_seconds": round(self.wall_seconds, 3),
                "stage_seconds_summed_over_articles": {
                    k: round(v, 3) for k, v in self.stage_seconds.items()
                },
            },
        }

    def render(self) -> str:
        """At most a screen of text: what happened and where to look."""
        total = sum(self.statuses.values())
        lines = [f"newspipe: {total} inputs → {self.out_dir or 'output'}"]
        for status, n in sorted(self.statuses.items()):
            extra = ""
            if status == ERROR_STATUS and self.error_codes:
                codes = ", ".join(f"{k} {v}" for k, v in self.error_codes.most_common(6))
                extra = f"   (errors.csv: {codes})"
            lines.append(f"  {status:<24}{n:>8}{extra}")
        langs = ", ".join(f"{k} {v}" for k, v in sorted(self.languages.items())) or "-"
        lines.append(f"languages: {langs}")
        lines.append(
            f"processed {self.n_processed}, reused from cache {self.n_reused}"
            + (f", dropped {self.n_pruned} removed inputs" if self.n_pruned else "")
        )
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in self.stage_seconds.items())
        lines.append(f"time: {self.wall_seconds:.1f}s wall, jobs: {self.jobs}")
        if stages:
            lines.append(f"stages (summed over articles): {stages}")
        return "\n".join(lines)


# -- workers -------------------------------------------------------------------------------

_WORKER_SETTINGS: Settings | None = None
_WORKER_LANGS: set[str] = set()


def _worker_init(settings: Settings) -> None:
    """Runs once per worker: keep the settings; Ctrl-C is the parent's job, not ours."""
    global _WORKER_SETTINGS
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_SETTINGS = settings


def _loaded_models(settings: Settings, langs: set[str]) -> dict[str, dict[str, str]]:
    """name/version of each model this process used (cached loads, so this is cheap)."""
    from pipeline.stages.annotate import load_nlp

    out = {}
    for lang in sorted(langs):
        meta = load_nlp(lang, settings).meta
        out[lang] = {"name": f"{meta.get('lang', lang)}_{meta.get('name', '?')}",
                     "version": str(meta.get("version", "?"))}
    return out


def _run_batch_in_process(
    raws: Sequence[RawArticle], settings: Settings
) -> tuple[list[CachedResult], dict[str, float], dict[str, dict[str, str]]]:
    results, timings = process_serialised(raws, settings)
    langs = {r.language for r in results if r.language in settings.supported_languages
             and r.status == "ok"}
    _WORKER_LANGS.update(langs)
    return results, timings, _loaded_models(settings, _WORKER_LANGS)


def _worker_batch(
    raws: Sequence[RawArticle],
) -> tuple[list[CachedResult], dict[str, float], dict[str, dict[str, str]]]:
    assert _WORKER_SETTINGS is not None, "worker not initialised"
    victim = os.environ.get(WORKER_EXIT_HOOK)
    if victim and any(raw.article_id == victim for raw in raws):
        os._exit(1)  # test hook: a worker killed in the middle (e.g. by the OOM killer)
    return _run_batch_in_process(raws, _WORKER_SETTINGS)


@contextlib.contextmanager
def _single_threaded_children() -> Iterator[None]:
    """Workers inherit the environment at start: one BLAS/OpenMP thread each."""
    saved = {k: os.environ.get(k) for k in _THREAD_ENV}
    for key in _THREAD_ENV:
        os.environ.setdefault(key, "1")
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class _Dispatcher:
    """Runs batches inline (1 job) or in a process pool, with a bound on batches in flight."""

    def __init__(self, settings: Settings, on_done: Any) -> None:
        self.settings = settings
        self.on_done = on_done  # (hashes, raws, results, timings, models) -> None
        self.pool: ProcessPoolExecutor | None = None
        self.in_flight: dict[
            Future[Any], tuple[dict[str, str], list[RawArticle], ProcessPoolExecutor]
        ] = {}
        self.max_in_flight = 2 * settings.jobs
        self.start_method = os.environ.get(START_METHOD_ENV, DEFAULT_START_METHOD)

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.settings.jobs,
            mp_context=multiprocessing.get_context(self.start_method),
            initializer=_worker_init,
            initargs=(self.settings,),
        )

    def submit(self, raws: list[RawArticle], hashes: dict[str, str]) -> None:
        if self.settings.jobs <= 1:
            results, timings, models = _run_batch_in_process(raws, self.settings)
            self.on_done(hashes, raws, results, timings, models)
            return
        while len(self.in_flight) >= self.max_in_flight:
            self._collect()
        if self.pool is None:
            self.pool = self._new_pool()
        with _single_threaded_children():  # the workers start on the first submit
            future = self.pool.submit(_worker_batch, raws)
        self.in_flight[future] = (hashes, raws, self.pool)

    def _collect(self) -> None:
        """Hand every finished batch to on_done, smallest article id first."""
        done, _ = wait(list(self.in_flight), return_when=FIRST_COMPLETED)
        for future in sorted(done, key=lambda f: min(self.in_flight[f][0], default="")):
            hashes, raws, pool = self.in_flight.pop(future)
            try:
                results, timings, models = future.result()
            except (BrokenProcessPool, CancelledError):
                # A worker died (killed, out of memory): report the batch, retry it next run,
                # and carry on with a new pool.
                if pool is self.pool:
                    self._drop_pool()
                results = [_lost(raw, "a worker process died (killed or out of memory)")
                           for raw in raws]
                timings, models = {}, {}
            except Exception as exc:  # e.g. a result that cannot be pickled
                results = [_lost(raw, f"{type(exc).__name__}: {exc}") for raw in raws]
                timings, models = {}, {}
            self.on_done(hashes, raws, results, timings, models)

    def drain(self) -> None:
        while self.in_flight:
            self._collect()

    def _drop_pool(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def kill(self) -> None:
        """Stop the workers now (Ctrl-C, crash hook): their batches are simply not cached."""
        if self.pool is None:
            return
        # The executor has no public way to stop running tasks; these are our own children.
        processes = list(getattr(self.pool, "_processes", {}).values())
        for proc in processes:
            with contextlib.suppress(Exception):
                proc.kill()
        self.pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            with contextlib.suppress(Exception):
                proc.join(timeout=5)
        self.pool = None
        self.in_flight.clear()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None


def _lost(raw: RawArticle, why: str) -> CachedResult:
    return CachedResult(
        raw.article_id, raw.source_path, ERROR_STATUS, None, INTERNAL_ERROR,
        f"{raw.source_path}: {why}", None, cacheable=False,
    )


# -- the run -------------------------------------------------------------------------------


def _iter_inputs(settings: Settings) -> Iterator[RawArticle | ArticleError]:
    """read_inputs per input path, so that a crash of ingest on one path loses only that path."""
    for root in settings.inputs:
        try:
            yield from read_inputs(settings.with_(inputs=(root,)))
        except Exception as exc:
            yield ArticleError(
                str(root), str(root), INTERNAL_ERROR,
                f"{root}: reading the inputs failed with {type(exc).__name__}: {exc}",
            )


@contextlib.contextmanager
def _exclusive(state_dir: Path) -> Iterator[None]:
    """One run per output folder at a time."""
    state_dir.mkdir(parents=True, exist_ok=True)
    with open(state_dir / "lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise RunError(f"another newspipe run is writing to {state_dir.parent}") from exc
        yield


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """`kill` gets the same clean stop as Ctrl-C (previous output intact, cache kept)."""
    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        old = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _progress(settings: Settings) -> Any:
    from tqdm import tqdm

    return tqdm(disable=not settings.progress, unit=" articles", file=sys.stderr, leave=False,
                mininterval=0.5)


def _export_module(settings: Settings) -> Any:
    """pipeline.export, which writes the other formats, drops stale ones and makes CSVs
    excel-safe. Missing is fine for a plain CSV run, a usage error otherwise."""
    try:
        import pipeline.export as export
    except ImportError as exc:
        if settings.excel_safe or any(f != "csv" for f in settings.formats):
            raise RunError(f"the requested output formats need pipeline.export: {exc}") from exc
        return None
    return export


def _check_models(settings: Settings) -> None:
    """A configured model that is not installed is a setup error for the whole run (exit 2),
    not one internal_error per article. Only checks presence; loading happens in the workers."""
    from pipeline.stages import annotate

    resolve = getattr(annotate, "resolve_model", None)
    if resolve is None:
        return
    for lang in settings.supported_languages:
        if lang in settings.models:
            try:
                resolve(settings.model_for(lang))
            except Exception as exc:
                raise RunError(str(exc)) from exc


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def run_batch(settings: Settings) -> RunSummary:
    """Process all inputs and write the tables atomically into settings.out_dir."""
    start = time.perf_counter()
    _export_module(settings)  # fail before any work if it is needed and missing
    _check_models(settings)
    out_dir = settings.out_dir
    state_dir = out_dir / STATE_DIR
    version, facts = pipeline_version(settings)
    summary = RunSummary(out_dir=str(out_dir), jobs=settings.jobs)
    crash_after = int(os.environ.get(CRASH_HOOK, "0") or 0)
    loaded: dict[str, dict[str, str]] = {}

    with _exclusive(state_dir), _sigterm_as_interrupt():
        remove_stale_temp_files(out_dir)
        cache = ResultCache(state_dir / CACHE_FILE)
        try:
            cache.begin_run()

            # Called in this process for every finished batch (``bar`` and ``dispatcher`` are
            # bound below, before the first call).
            def on_done(hashes: dict[str, str], raws: list[RawArticle],
                        results: list[CachedResult], timings: dict[str, float],
                        models: dict[str, dict[str, str]]) -> None:
                cache.store(results, hashes, version)
                summary.n_processed += len(results)
                summary.add_timings(timings)
                loaded.update(models)
                bar.update(len(results))
                if crash_after and summary.n_processed >= crash_after:
                    dispatcher.kill()
                    os._exit(137)

            dispatcher = _Dispatcher(settings, on_done)
            with _progress(settings) as bar:
                try:
                    _feed(settings, cache, dispatcher, version, summary, bar)
                    dispatcher.drain()
                except BaseException:
                    dispatcher.kill()
                    raise
                finally:
                    dispatcher.close()
            cache.commit()
            summary.n_pruned = cache.prune()
            t_write = time.perf_counter()
            write_tables(out_dir, cache.iter_payloads(), cache.iter_errors())
            summary.add_timings({"write": time.perf_counter() - t_write})
            statuses, languages, codes = cache.counts()
        finally:
            cache.close()

        export = _export_module(settings)
        if export is not None:
            t_export = time.perf_counter()
            export.export_formats(out_dir, settings)
            summary.add_timings({"export": time.perf_counter() - t_export})

        summary.statuses, summary.languages, summary.error_codes = statuses, languages, codes
        summary.n_errors = statuses.get(ERROR_STATUS, 0)
        summary.versions = {
            "newspipe": __version__,
            "python": platform.python_version(),
            "spacy": facts["spacy"],
            "models_loaded": dict(sorted(loaded.items())),
            "models_configured": facts["models"],
            "pipeline_version": version,
            "start_method": ("inline" if settings.jobs <= 1 else
                             os.environ.get(START_METHOD_ENV, DEFAULT_START_METHOD)),
        }
        summary.wall_seconds = time.perf_counter() - start
        _write_json_atomic(out_dir / RUN_JSON, summary.to_json())
    return summary


def _feed(settings: Settings, cache: ResultCache, dispatcher: _Dispatcher, version: str,
          summary: RunSummary, bar: Any) -> None:
    """Read every input, skip what the cache already holds, batch the rest to the workers."""
    batch: list[RawArticle] = []
    hashes: dict[str, str] = {}
    repeats: Counter[str] = Counter()  # numbers the repeats of an id: one distinct row each
    t_ingest = 0.0
    inputs = _iter_inputs(settings)
    while True:
        t = time.perf_counter()
        item = next(inputs, None)
        t_ingest += time.perf_counter() - t
        if item is None:
            break
        if isinstance(item, ArticleError):
            cache.add_run_error(item)
            bar.update(1)
            continue
        if not cache.claim(item.article_id):
            repeats[item.article_id] += 1
            cache.add_run_error(ArticleError(
                item.source_path, item.article_id, "duplicate_id",
                f"{item.source_path}: article id {item.article_id!r} was already used by an "
                f"earlier input of this run; this repeat (no. {repeats[item.article_id]}) "
                "is skipped",
            ))
            bar.update(1)
            continue
        digest = content_hash(item)
        if not settings.force and cache.is_fresh(item.article_id, digest, version):
            summary.n_reused += 1
            bar.update(1)
            continue
        batch.append(item)
        hashes[item.article_id] = digest
        if len(batch) >= settings.batch_size:
            dispatcher.submit(batch, hashes)
            batch, hashes = [], {}
    if batch:
        dispatcher.submit(batch, hashes)
    summary.add_timings({"ingest": t_ingest})
