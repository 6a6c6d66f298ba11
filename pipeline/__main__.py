"""`python -m pipeline` is the same command as the `newspipe` console script."""

from pipeline.cli import main

# The guard matters: worker processes started with "spawn" import the parent's main module.
if __name__ == "__main__":
    raise SystemExit(main())
