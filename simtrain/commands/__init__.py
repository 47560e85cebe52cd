"""One module per ``simtrain`` command: ``add_arguments(parser, t)`` and ``run(args, t) -> int``."""
