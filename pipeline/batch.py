"""Batch orchestration: run every article, write the tables, summarise the run."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field

from pipeline.records import ArticleError
from pipeline.runner import iter_results
from pipeline.settings import Settings
from pipeline.writer import TableWriter


@dataclass
class RunSummary:
    """Counts of one run, printed as a one-screen summary."""

    statuses: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    n_errors: int = 0

    def render(self) -> str:
        total = sum(self.statuses.values())
        parts = [f"{total} inputs:"]
        parts += [f"  {status:<24}{n:>8}" for status, n in sorted(self.statuses.items())]
        langs = ", ".join(f"{k} {v}" for k, v in sorted(self.languages.items()))
        parts.append(f"languages: {langs}")
        return "\n".join(parts)


def run_batch(settings: Settings) -> RunSummary:
    """Process all inputs and write the tables atomically into settings.out_dir."""
    summary = RunSummary()
    writer = TableWriter(settings.out_dir)
    try:
        for item in iter_results(settings):
            writer.add(item)
            if isinstance(item, ArticleError):
                summary.n_errors += 1
                summary.statuses["error"] += 1
            else:
                summary.statuses[item.status] += 1
                summary.languages[item.language] += 1
    except BaseException:
        writer.abort()
        raise
    writer.commit()
    if settings.progress:
        print("", file=sys.stderr)
    return summary
