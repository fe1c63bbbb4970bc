"""The ``cleannews`` command, on top of the library: nothing in the pipeline imports it.

Modules in the order a run uses them: args (the command line, checked into a plan), inputs
(files, folders, globs, standard input), archives (WARC/ARC records), templates (the
``--learn-templates`` pass), run (extract through :mod:`cleannews.batch`'s worker pool, filter,
write, report), cluster (``--dask``), sinks and parquet (standard output, one file, one file per
input; what ``--resume`` finds done), progress (the counter and one-line reports on stderr),
main (the command itself).
May import: anything in cleannews. Internal: the command line is the interface, not these.
"""
