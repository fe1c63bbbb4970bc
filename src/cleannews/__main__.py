"""``python -m cleannews``: the command line (see :mod:`cleannews.cli.main`)."""

from cleannews.cli.main import main

if __name__ == "__main__":  # spawned worker processes import this module too: do nothing then
    raise SystemExit(main())
