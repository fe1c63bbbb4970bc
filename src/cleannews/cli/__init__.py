"""The ``cleannews`` command, on top of the library: nothing in the pipeline imports it.

Modules in the order a run uses them: args (the command line, checked into a plan), inputs
(files, folders, globs, standard input), runner (extraction, in worker processes when asked),
sinks (standard output, one file, one file per input; what ``--resume`` finds done), progress
(the counter and the one-line reports on stderr), main (the command itself).
May import: anything in cleannews. Internal: the command line is the interface, not these.
"""
