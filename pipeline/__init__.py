"""newspipe: scraped news articles (Indonesian, English) into clean text and tidy tables.

Stages run in one direction: ingest → clean → segment → language → annotate → extract → write.
Each stage is a plain function over the small records in :mod:`pipeline.records`, and receives
the one :class:`pipeline.settings.Settings` object explicitly.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newspipe")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"


def load(output_dir="output", format=None, tables=None):
    """Load the output tables as DataFrames: ``tables = pipeline.load("output")``.

    Imported lazily so that ``import pipeline`` stays light; see :func:`pipeline.loader.load`.
    """
    from pipeline.loader import load as _load

    return _load(output_dir, format=format, tables=tables)


__all__ = ["__version__", "load"]
