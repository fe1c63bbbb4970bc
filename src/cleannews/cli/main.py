"""The ``cleannews`` command: articles from files, folders, globs or standard input.

The command reads like its stages: :mod:`~cleannews.cli.args` checks the command line into a
plan, :mod:`~cleannews.cli.inputs` collects the pages, :mod:`~cleannews.batch` extracts
them (in worker processes when asked), :mod:`~cleannews.cli.sinks` writes every outcome and
:mod:`~cleannews.cli.progress` reports on stderr. Only the arguments are loaded before the
command line is parsed, so that ``--help`` and ``--version`` are instant.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from cleannews.cli.args import Plan, build_parser, make_plan
from cleannews.errors import BatchError, MissingExtraError, TemplatesError


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (argparse exits with 2 on a usage error)."""
    parser = build_parser()
    plan = make_plan(parser.parse_args(argv), parser)
    try:
        from cleannews.cli.run import execute  # the extractor loads here

        return execute(plan)
    except KeyboardInterrupt:
        print("\ncleannews: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (MissingExtraError, TemplatesError) as error:  # a part missing, a bad --templates
        print(f"cleannews: {error}", file=sys.stderr)
        return 2
    except (BatchError, OSError, ValueError) as error:
        print(f"cleannews: {error}", file=sys.stderr)
        return 1


__all__ = ["Plan", "main"]
