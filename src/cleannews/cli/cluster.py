"""``--dask ADDRESS`` or ``--dask local:N``: the inputs run on a Dask cluster (see
:mod:`cleannews.dask`), one partition per input under ``--output-dir``; ``--templates FILE``
sends saved site templates to the workers."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

from cleannews.cli import templates
from cleannews.cli.args import Plan
from cleannews.dask import MISSING_DASK, OutputFormat, run

#: Seconds to wait for a scheduler to answer.
CONNECT_TIMEOUT = 10.0


def execute_on_dask(plan: Plan) -> int:
    """Run the plan's inputs on the cluster; 2 when there is no cluster to run on."""
    assert plan.dask is not None and plan.output_dir is not None, "checked by make_plan"
    sites = templates.prepare(plan, tuple).site_templates  # --templates FILE: read once, here
    try:
        with _client(plan.dask) as client:
            fmt: OutputFormat = "parquet" if plan.parquet else "jsonl"
            options = plan.job.options
            results = run(plan.paths, plan.output_dir, client, fmt=fmt, options=options,
                          templates=sites)  # fmt: skip
    except ImportError:
        print(f"cleannews: {MISSING_DASK}", file=sys.stderr)
        return 2
    except (OSError, TimeoutError, ValueError) as error:
        message = " ".join(str(error).split()) or type(error).__name__
        print(f"cleannews: cannot use the Dask cluster {plan.dask}: {message}", file=sys.stderr)
        return 2
    done = sum(r.already_done for r in results)
    if done:
        print(f"cleannews: {done} inputs already done (their output exists)", file=sys.stderr)
    failed = 0
    for result in results:
        if result.failed:
            print(f"cleannews: {result.source}: {result.failed} of {result.records} records "
                  f"failed (see {result.output})", file=sys.stderr)  # fmt: skip
        failed += result.failed
    return 1 if failed else 0


@contextlib.contextmanager
def _client(address: str) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"local:N needs a number of workers, not {count!r}")
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=int(count), threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client
    else:
        with Client(address, timeout=CONNECT_TIMEOUT) as client:  # type: ignore[no-untyped-call]
            yield client
