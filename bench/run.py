"""``make bench``: throughput and memory of the whole pipeline on a synthetic corpus.

Builds N articles (bench/corpus.py, fixed seed), runs ``python -m pipeline run`` on them with
each job count (fresh output folder, ``--force``), samples the RSS of the whole process tree,
then times bare ``nlp.pipe`` of the same models over the same clean block texts in this process
and compares. Figures go to bench/out/bench.json and a table on stdout.

    python -m bench.run --n 2000 --jobs 1,2
    python -m bench.run --n 20000 --jobs 2     # memory flatness: compare peak RSS with N=2000
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import filecmp
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from bench.corpus import build_corpus
from pipeline.tables import TABLES

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
SEED = 20240601


def _tree_rss(proc: psutil.Process) -> int:
    """RSS of a process and all its descendants, in bytes (shared pages counted per process)."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def run_pipeline(corpus: Path, out: Path, jobs: int) -> dict[str, Any]:
    """One CLI run as a subprocess, with the peak RSS of its process tree sampled every 0.1 s."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out),
           "--jobs", str(jobs), "--force", "--no-progress"]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc = psutil.Process(child.pid)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            with contextlib.suppress(psutil.Error):
                peak = max(peak, _tree_rss(proc))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _stdout, stderr = child.communicate()
    wall = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time of the whole tree (the CLI waits for its workers): unlike wall time it does not
    # depend on what else the machine is running.
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    stop.set()
    sampler.join()
    if child.returncode not in (0, 1):
        raise SystemExit(f"pipeline failed ({child.returncode}):\n{stderr}")
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {"jobs": jobs, "exit_code": child.returncode, "wall_seconds": round(wall, 2),
            "cpu_seconds": round(cpu, 2),
            "run_seconds": run["timings"]["wall_seconds"], "peak_rss_mb": round(peak / 2**20, 1),
            "run": run, "summary": stderr.strip().splitlines()[-8:]}


def clean_texts(out: Path) -> dict[str, list[str]]:
    """The clean block texts the pipeline annotated, per article language (ok articles only)."""
    csv.field_size_limit(sys.maxsize)
    langs: dict[str, str] = {}
    with (out / "articles.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["status"] == "ok":
                langs[row["article_id"]] = row["language"]
    texts: dict[str, list[str]] = {}
    with (out / "blocks.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            lang = langs.get(row["article_id"])
            if lang:
                texts.setdefault(lang, []).append(row["text"])
    return texts


def bare_pipe(texts: dict[str, list[str]]) -> dict[str, Any]:
    """nlp.pipe of the pipeline's own models over the texts, model loading excluded."""
    from pipeline.settings import load_settings
    from pipeline.stages.annotate import load_nlp

    settings = load_settings()
    seconds = cpu = 0.0
    per_lang = {}
    for lang, items in sorted(texts.items()):
        nlp = load_nlp(lang, settings)
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(items, batch_size=settings.batch_size):
            pass
        took = time.perf_counter() - start
        seconds += took
        cpu += time.process_time() - cpu_start
        per_lang[lang] = {"texts": len(items), "seconds": round(took, 2),
                          "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}",
                          "version": nlp.meta.get("version")}
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "per_language": per_lang}


def same_tables(a: Path, b: Path) -> bool:
    """Byte-identical CSV tables."""
    return all(filecmp.cmp(a / f"{t}.csv", b / f"{t}.csv", shallow=False) for t in TABLES)


def machine() -> dict[str, Any]:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return {"cpu": model, "usable_cores": len(os.sched_getaffinity(0)),
            "logical_cpus": os.cpu_count(),
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles in the corpus")
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts to run")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and the outputs")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare nlp.pipe baseline")
    args = parser.parse_args(argv)
    jobs_list = [int(j) for j in args.jobs.split(",") if j.strip()]

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    corpus = OUT_DIR / f"corpus-{args.n}"
    if not (corpus / ".complete").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        size = build_corpus(corpus, args.n, seed=SEED)
        (corpus / ".complete").write_text(str(size))
    size = int((corpus / ".complete").read_text())
    print(f"corpus: {args.n} articles, {size / 2**20:.1f} MB in {corpus}", file=sys.stderr)

    runs = []
    for jobs in jobs_list:
        print(f"running with {jobs} job(s)…", file=sys.stderr)
        runs.append(run_pipeline(corpus, OUT_DIR / f"run-{args.n}-j{jobs}", jobs))

    first = OUT_DIR / f"run-{args.n}-j{jobs_list[0]}"
    texts = clean_texts(first)
    words = sum(len(t.split()) for items in texts.values() for t in items)
    n_articles = runs[0]["run"]["articles"]["total"]
    for r in runs:
        r["articles_per_second"] = round(n_articles / r["run_seconds"], 2)
        r["words_per_second"] = round(words / r["run_seconds"], 1)
        r["speedup_vs_first"] = round(runs[0]["run_seconds"] / r["run_seconds"], 3)
    identical = all(same_tables(first, OUT_DIR / f"run-{args.n}-j{j}") for j in jobs_list[1:])
    versions = {r["run"]["versions"]["pipeline_version"] for r in runs}
    if len(versions) > 1:
        print("warning: the pipeline code or models changed between the runs; outputs and "
              "timings are not comparable", file=sys.stderr)

    result: dict[str, Any] = {
        "n_articles": n_articles, "words_annotated": words, "corpus_bytes": size, "seed": SEED,
        "machine": machine(), "outputs_identical_across_jobs": identical,
        "same_pipeline_version_across_jobs": len(versions) == 1,
        "runs": [{k: v for k, v in r.items() if k != "run"} | {"stage_seconds": r["run"]["timings"]
                  ["stage_seconds_summed_over_articles"], "versions": r["run"]["versions"]}
                 for r in runs],
    }
    one_job = next((r for r in runs if r["jobs"] == 1), None)
    if not args.no_bare and one_job is not None:
        print("timing bare nlp.pipe…", file=sys.stderr)
        bare = bare_pipe(texts)
        bare["words_per_second"] = round(words / bare["seconds"], 1) if bare["seconds"] else None
        bare["pipeline_over_bare_throughput"] = round(bare["seconds"] / one_job["run_seconds"], 3)
        bare["pipeline_over_bare_cpu"] = round(bare["cpu_seconds"] / one_job["cpu_seconds"], 3)
        result["bare_nlp_pipe"] = bare

    (OUT_DIR / "bench.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(render(result))
    if not args.keep:
        shutil.rmtree(corpus, ignore_errors=True)
        for jobs in jobs_list:
            shutil.rmtree(OUT_DIR / f"run-{args.n}-j{jobs}", ignore_errors=True)
    return 0


def render(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"newspipe bench: {result['n_articles']} articles, {result['words_annotated']:,} words "
        f"annotated; {m['cpu']}, {m['usable_cores']} usable cores, Python {m['python']}",
        f"{'jobs':>5} {'run s':>9} {'wall s':>9} {'CPU s':>9} {'articles/s':>11} "
        f"{'words/s':>10} {'speedup':>8} {'peak RSS MB':>12}",
    ]
    for r in result["runs"]:
        lines.append(
            f"{r['jobs']:>5} {r['run_seconds']:>9.1f} {r['wall_seconds']:>9.1f} "
            f"{r['cpu_seconds']:>9.1f} {r['articles_per_second']:>11.2f} "
            f"{r['words_per_second']:>10.0f} {r['speedup_vs_first']:>8.2f} "
            f"{r['peak_rss_mb']:>12.0f}"
        )
    stages = result["runs"][0]["stage_seconds"]
    lines.append("stage seconds (first run, summed over articles): "
                 + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))
    lines.append(f"outputs identical across job counts: {result['outputs_identical_across_jobs']}")
    bare = result.get("bare_nlp_pipe")
    if bare:
        lines.append(
            f"bare nlp.pipe: {bare['seconds']:.1f} s ({bare['cpu_seconds']:.1f} CPU s), "
            f"{bare['words_per_second']:.0f} words/s; pipeline (1 job) / bare throughput = "
            f"{bare['pipeline_over_bare_throughput']:.3f} (CPU-time based: "
            f"{bare['pipeline_over_bare_cpu']:.3f})"
        )
    lines.append(f"written to {OUT_DIR / 'bench.json'}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
