"""Page reads in processes of their own, beside the worker's event loop (setting `SERVICE_PROCESSES`).

A worker's event loop and its service threads share one interpreter lock, so under load the threads'
database work and the loop's own work took turns on one core (a closed loop of 10 tabs: 1.07 cores in all on a
2-core machine). A unit of work marked `process_safe` runs instead in a service process: its own interpreter
and lock, its own database connection. The request and the answer (a result or a refusal) travel pickled over
a pipe that the event loop itself watches, so no thread stands between them.

A service process is started as a fresh interpreter that imports only what answers the requests
(`python -c`, the pipe's end passed as a file descriptor), not through multiprocessing's spawn, which would also
import the worker's own main module (Reflex's command line, about 6 MB in every service process).

Work that is not marked stays on the service threads, as does marked work whose request cannot be pickled.
Marked work never spills over to the threads when the processes are busy: it waits for its turn (at most
`MAX_IN_FLIGHT` requests sit in a process's pipe), since on the threads it would contend for the worker's lock
again and fill the worker with a second copy of the processes' caches (the customer directory: about 50 MB
for 100,000 customers).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import logging
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from multiprocessing.connection import Connection, Pipe
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

MAX_IN_FLIGHT = 16  # requests in one process's pipe (a few KB: the pipe never fills, so sending never blocks)
_MARK = "__process_safe__"

log = logging.getLogger(__name__)


class ServiceProcessLost(RuntimeError):
    """The service process ended while it had this request (killed, or it crashed)."""


def process_safe(fn: F) -> F:
    """Mark a module-level unit of work `fn(session, actor, **kwargs)` as safe to run in a service process: it
    reads and writes only through the session, keeps nothing in process memory that the worker must see (a
    memory throttle would count apart; a cache checked against the database, as the customer directory is, may
    live in either), and its result pickles. A `functools.partial` of it with plain arguments travels as well."""
    setattr(fn, _MARK, True)
    return fn


def travels(work: Callable[..., Any]) -> bool:
    """True when `work` is marked `process_safe` (or a partial of such a function)."""
    target = work.func if isinstance(work, functools.partial) else work
    return getattr(target, _MARK, False) is True


def serve_descriptor(fd: int, test_clock: bool) -> None:
    """A service process: answer requests one at a time, on the worker's pipe (file descriptor `fd`), until the
    worker closes it."""
    conn = Connection(fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the worker's: this process ends when its pipe does
    from rxapp import db
    from rxapp.errors import DomainError
    from rxapp.services import runner  # noqa: F401  (every service imported before the first request)

    db.get_engine()
    db.keep_session()  # one request at a time: one session and connection for all of them
    if test_clock:
        from rxapp.testhooks import install_clock

        # The QA hooks move the clock in the worker: read its offsets on every call, not once a second.
        install_clock(ttl=0)
    while True:
        try:
            request_id, call = pickle.loads(conn.recv_bytes())  # noqa: S301 (the worker, over its own pipe)
        except (EOFError, OSError):
            return
        try:
            answer: tuple[int, bool, Any] = (request_id, True, call())
        except Exception as error:  # noqa: BLE001  (every refusal and failure goes back to the worker)
            if not isinstance(error, DomainError):
                log.exception("service process: %r failed", call)
            answer = (request_id, False, error)
        try:
            payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # noqa: BLE001
            payload = pickle.dumps((request_id, False, RuntimeError(f"unpicklable answer: {error!r}")))
        conn.send_bytes(payload)


class _ServiceProcess:
    """One service process and the requests it holds, answered through the event loop's own reader."""

    def __init__(self, loop: asyncio.AbstractEventLoop, test_clock: bool) -> None:
        self.conn, child = Pipe()
        code = f"from rxapp.service_processes import serve_descriptor; serve_descriptor({child.fileno()}, {test_clock})"
        package_root = str(Path(__file__).resolve().parent.parent)  # where `rxapp` is, whatever the working folder
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen([sys.executable, "-c", code], pass_fds=[child.fileno()], env=env)  # noqa: S603
        child.close()
        self.loop = loop
        self.pending: dict[int, asyncio.Future[Any]] = {}
        self.alive = True
        loop.add_reader(self.conn.fileno(), self._answers)

    def submit(self, request_id: int, payload: bytes) -> asyncio.Future[Any]:
        future = self.loop.create_future()
        self.conn.send_bytes(payload)
        self.pending[request_id] = future
        return future

    def _answers(self) -> None:
        try:
            while self.conn.poll():
                request_id, ok, value = pickle.loads(self.conn.recv_bytes())  # noqa: S301 (our own child)
                future = self.pending.pop(request_id, None)
                if future is None or future.done():  # the caller was cancelled meanwhile
                    continue
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)
        except (EOFError, OSError):
            self._lost()

    def _lost(self) -> None:
        log.error("service process %s ended with %d requests in hand", self.process.pid, len(self.pending))
        self.close()
        for future in self.pending.values():
            if not future.done():
                future.set_exception(ServiceProcessLost("the service process ended"))
        self.pending.clear()

    def close(self) -> None:
        if self.alive:
            self.alive = False
            with contextlib.suppress(Exception):
                self.loop.remove_reader(self.conn.fileno())
            self.conn.close()  # the process sees the end of its pipe and returns

    def join(self, timeout: float) -> None:
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(1)


class ServicePool:
    """The worker's service processes (each request goes to the one holding the fewest)."""

    def __init__(self, size: int, test_clock: bool = False) -> None:
        self.size = size
        self.test_clock = test_clock
        self.processes: list[_ServiceProcess] = []
        self._ids = itertools.count(1)
        # Requests in the processes' pipes at once; the rest wait here, on the event loop, for their turn.
        self._turns = asyncio.Semaphore(size * MAX_IN_FLIGHT)

    def start(self) -> None:
        """Start the missing processes (all of them at the worker's start; one that ended, on the next request)."""
        self.processes = [process for process in self.processes if process.alive]
        loop = asyncio.get_running_loop()
        while len(self.processes) < self.size:
            self.processes.append(_ServiceProcess(loop, self.test_clock))

    async def run(self, call: Callable[[], T]) -> T:
        request_id = next(self._ids)
        try:
            payload = pickle.dumps((request_id, call), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            log.warning("service process: %r cannot travel (%s); it runs on a thread", call, error)
            return await asyncio.to_thread(call)
        async with self._turns:
            self.start()
            process = min(self.processes, key=lambda p: len(p.pending))
            return await process.submit(request_id, payload)

    def close(self) -> None:
        for process in self.processes:
            process.close()
        for process in self.processes:
            process.join(5)
        self.processes = []


_pool: ServicePool | None = None


async def run(call: Callable[[], T], *, offload: bool) -> T:
    """`call()` in a service process when `offload` and the processes run, else on a service thread."""
    if offload and _pool is not None:
        return await _pool.run(call)
    return await asyncio.to_thread(call)


@contextlib.asynccontextmanager
async def serve(size: int | None = None, *, test_clock: bool | None = None) -> AsyncIterator[None]:
    """The worker's lifespan task: `size` service processes (default: `Settings.service_process_count`; 0, none),
    started with it (not by the first request, which would wait for one to start). `test_clock`: the QA hooks'
    clock is on (default: the setting)."""
    global _pool
    from rxapp.settings import get_settings

    settings = get_settings()
    size = settings.service_process_count if size is None else size
    test_clock = settings.enable_test_hooks if test_clock is None else test_clock
    if size <= 0:
        yield
        return
    _pool = ServicePool(size, test_clock)
    _pool.start()
    try:
        yield
    finally:
        pool, _pool = _pool, None
        pool.close()
