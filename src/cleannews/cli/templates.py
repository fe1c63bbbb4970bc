"""``--learn-templates`` and ``--templates FILE``: the site templates of a batch.

With ``--learn-templates`` the batch is read twice: a first pass, in this process, learns
every host's templates from all the batch's pages (each page extracted once, its blocks
counted); the second pass is the batch run, with the templates given to every page. A saved
file (``--templates FILE``) is reused instead of a first pass, or written after one.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from cleannews.batch import Task, fallback_host
from cleannews.cli.args import Plan
from cleannews.errors import CleannewsError
from cleannews.input.detect import kind_from_name
from cleannews.input.load import read_path
from cleannews.options import InputKind

if TYPE_CHECKING:  # the templates module loads only for a run that asks for templates
    from cleannews.templates import SiteTemplates


def prepare(plan: Plan, tasks: Callable[[], Iterable[Task]]) -> Plan:
    """The plan with its job's templates: learned from ``tasks()`` (a fresh iterable of the
    batch's tasks) or loaded; the plan as it is when neither is asked for. Raises
    :class:`~cleannews.errors.TemplatesError` for a templates file that cannot be used."""
    if plan.learn_templates:
        templates = learn(tasks(), plan)
        if plan.templates is not None:
            templates.save(plan.templates)
    elif plan.templates is not None:
        from cleannews.templates import SiteTemplates

        templates = SiteTemplates.load(plan.templates)
    else:
        return plan
    return dataclasses.replace(plan, site_templates=templates)


def learn(tasks: Iterable[Task], plan: Plan) -> SiteTemplates:
    """Templates learned from every readable page of the batch (failures are left to the
    second pass, which reports them)."""
    from cleannews.templates import SitePage, TemplateLearner

    learner = TemplateLearner(options=plan.options)
    pages = 0
    for task in tasks:
        if task.failure is not None:
            continue
        source, options = task.source, plan.options
        try:
            if isinstance(source, Path):  # as the batch reads it: a .txt or .md file is text
                if options.input_kind is InputKind.AUTO:
                    options = dataclasses.replace(options, input_kind=kind_from_name(source.name))
                source = read_path(source, options)
        except CleannewsError:
            continue
        url = task.url or plan.url
        pages += learner.add(SitePage(source, url=url, host=fallback_host(task)), options)
    templates = learner.templates()
    print(
        f"cleannews: learned {len(templates):,} site templates of {len(templates.hosts):,} "
        f"hosts from {pages:,} pages ({learner.duplicates:,} copies counted once)",
        file=sys.stderr,
    )
    return templates
