"""``python -m simtrain``: the same entry point as the ``simtrain`` command."""

from simtrain.cli import main

raise SystemExit(main())
