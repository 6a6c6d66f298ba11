"""`python -m pipeline` is the same command as the `newspipe` console script."""

from pipeline.cli import main

raise SystemExit(main())
