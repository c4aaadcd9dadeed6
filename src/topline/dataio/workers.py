"""Building records in forked worker processes while this process writes them.

Validation by the services (sales.services.order_build) is pure Python and most of the CPU
time of a large import; the writes must stay in this process and its transaction (a dry run
rolls them back). So a few forked workers run a build function and send back plain rows, and
this process inserts them. Children inherit what is loaded so far (products, contacts,
existing keys) through fork, without copying it through a pipe. They must not use the
database connection they also inherit: `_refuse_queries` makes any query in a child fail
loudly, and children end with os._exit, so they never close it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from django.db import connections

T = TypeVar("T")
R = TypeVar("R")

_work: Callable | None = None  # in a child: the build function it inherited


def worker_count() -> int:
    """One worker per CPU this process may use (at most 4); none with a single CPU, where
    processes cannot be forked, or when other threads run (say, in a web server): a lock one
    of them holds at the fork would stay locked forever in the child."""
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 0
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cpus or 1, 4) if (cpus or 1) > 1 else 0


def _refuse_queries(execute, sql, params, many, context):
    raise RuntimeError("an import worker process must not use the database")


def _start(work: Callable) -> None:
    global _work
    _work = work
    for connection in connections.all(initialized_only=True):
        connection.execute_wrappers.append(_refuse_queries)


def _run(task):
    return _work(task)


def map_in_workers(work: Callable[[T], R], tasks: Iterable[T], workers: int) -> Iterator[R]:
    """work(task) for each task, results in task order: in `workers` forked processes, or in
    this one when workers is 0. `work` reaches the children by fork, not by pickling; tasks
    and results are pickled, so keep them plain."""
    if workers < 1:
        yield from map(work, tasks)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start, initargs=(work,)) as pool:
        yield from pool.imap(_run, tasks)
