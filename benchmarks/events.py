"""Events under load: the real app against an empty Reflex app, in one run, over Reflex's own websocket protocol.

    REFLEX_USE_SYSTEM_BUN=1 .venv/bin/python benchmarks/events.py --keep /tmp/customers-bench.db
        [--duration 20] [--loads 1,closed,100,300,1000] [--quick] [--postgres] [--clients N] [--no-browser]

One run starts two servers the way `make run` does (`reflex run --env prod --single-port`, free ports):
the empty app of `benchmarks/empty_app/` (a counter, Reflex's default settings) and the real app on a copy
of the 100,000-customer database of `customers_search.py` (built once, ~1 min; `--keep PATH` keeps and
reuses it) with 200 users and 50,000 audit entries added to the reseller. Simulated browser tabs (asyncio,
one websocket each, Engine.IO v4 / Socket.IO framing written here) connect with their own client token,
hydrate their page the way the compiled frontend does (the `hydrate_and_load` event in the Socket.IO
CONNECT packet, with the LocalStorage values of a signed-in browser: the session token `pc_session`), then
send that page's real events. Each load runs against the empty app, then the real app, and the figures
are printed with their ratio to the empty app's in the same run. See README "Benchmarks".
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import hashlib
import json
import multiprocessing
import os
import random
import re
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import opener_policy  # noqa: E402
from common import (  # noqa: E402
    BENCH_USER,
    CHROMIUM,
    CHROMIUM_ARGS,
    NOW,
    PROJECT_ROOT,
    REFLEX_ENV,
    ensure_database,
    load_average,
    percentile,
    prepare_app_db,
    real_app_env,
    start_reflex,
    stop_app,
)

EMPTY_APP_DIR = Path(__file__).resolve().parent / "empty_app"
SEARCH_TERMS = ("harbor", "falcon robotics", "4242", "qzv", "it@abc", "nothing-matches", "ro", "x")
TAB_PAGES = ("customers", "customers", "users", "audit")  # how the tabs of a load spread over the pages
FIRST_LOAD_ROUNDS = 5
MAX_PENDING = 3  # a tab with this many unanswered events skips its turn (the server's backlog stays bounded)
EXTRA_USERS = 200
AUDIT_ENTRIES = 50_000
PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_HOST = "redis://127.0.0.1:6379"

EVENT_FRAME = '42/_event,["event",'  # a server update: {"delta": ..., "events": [...]}
HYDRATED = '"is_hydrated_rx_state_":true'  # the update that ends a page's hydration and on_load chain
FRONTEND_EVENTS = '"events":['  # an update that also makes the browser do something (redirect, toast, ...)
# The headers Chromium sends when it opens the websocket (the hydrated state carries them).
BROWSER_HEADERS = {
    "Pragma": "no-cache",
    "Cache-Control": "no-cache",
    "Accept-Language": "en-US,en;q=0.9",
    "Accept-Encoding": "gzip, deflate, br, zstd",
    "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits",
}
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36"
)


# ------------------------------------------------------------------ what the tabs do


@dataclass
class Page:
    name: str
    path: str
    steps: list[tuple[str, str, dict]]  # (kind, full event name, payload), sent in a cycle


@dataclass
class Target:
    """One running app as the tabs see it: its address, what its compiled frontend sends, its pages."""

    label: str
    url: str
    state_name: str = ""
    hashes: list = field(default_factory=list)
    schema: str = ""
    storage: dict = field(default_factory=dict)  # LocalStorage name -> state var key (from the frontend)
    pages: dict[str, Page] = field(default_factory=dict)
    frames: dict[str, int] = field(default_factory=dict)  # update frames per kind (and "hydrate:<page>")
    database_url: str = ""
    tab_user_ids: list[int] = field(default_factory=list)


@dataclass
class Load:
    name: str
    tabs: int
    period: float | None  # seconds between one tab's events; None = closed loop (no pause)
    duration: float = 20.0
    drain: float = 3.0  # seconds after the last send for replies; later ones count as not served

    @property
    def offered(self) -> float | None:
        return None if self.period is None else self.tabs / self.period


def parse_load(text: str, closed_tabs: int) -> Load:
    if text == "closed":
        return Load(f"closed loop, {closed_tabs} tabs, no pause", closed_tabs, None)
    if text == "1":
        return Load("1 tab x 2 events/s (each sent after the previous answer)", 1, 0.5)
    match = re.fullmatch(r"(\d+)(?:@(\d+(?:\.\d+)?)s)?", text)
    if not match:
        raise SystemExit(f"unknown load {text!r}: use 1, N (tabs x 1 event/s), N@Ks (every K s) or closed")
    tabs, every = int(match[1]), float(match[2] or 1)
    rate = "1 event/s" if every == 1 else f"1 event every {every:g} s"
    return Load(f"{tabs:,} tabs x {rate}", tabs, every)


def event_name(state: type, handler: str) -> str:
    """The name the frontend sends: the state's full name + "." + handler (never hard-coded)."""
    if handler not in state.event_handlers:
        raise SystemExit(f"{state.__name__} has no event handler {handler!r}: update benchmarks/events.py")
    return f"{state.get_full_name()}.{handler}"


def real_pages() -> dict[str, Page]:
    from rxapp.state.audit import AuditState
    from rxapp.state.customers import CustomersState
    from rxapp.state.users import UsersState

    c, u, a = CustomersState, UsersState, AuditState
    customers = [
        ("customers first page", event_name(c, "first_page"), {}),
        ("customers sort", event_name(c, "set_sort"), {"value": "since"}),
        ("customers next page", event_name(c, "next_page"), {}),
        ("customers sort", event_name(c, "set_sort"), {"value": "name"}),
        ("customers next page", event_name(c, "next_page"), {}),
        *[(f"search {term!r}", event_name(c, "submit_search"), form(term, "customer-search")) for term in SEARCH_TERMS],
        ("customers search cleared", event_name(c, "submit_search"), form("", "customer-search")),
    ]
    users = [
        ("users load", event_name(u, "load"), {}),
        ("users next page", event_name(u, "go"), {"delta": 1}),
        ("users next page", event_name(u, "go"), {"delta": 1}),
        ("users search", event_name(u, "apply_search"), form("user 1", "user-search")),
        ("users search", event_name(u, "apply_search"), form("", "user-search")),
    ]
    audit = [
        ("audit load", event_name(a, "load"), {}),
        ("audit next page", event_name(a, "go"), {"delta": 1}),
        ("audit next page", event_name(a, "go"), {"delta": 1}),
        ("audit previous page", event_name(a, "go"), {"delta": -1}),
        ("audit previous page", event_name(a, "go"), {"delta": -1}),
    ]
    # The browser's router_data pathname carries the trailing slash.
    return {
        "customers": Page("customers", "/customers/", customers),
        "users": Page("users", "/account/users/", users),
        "audit": Page("audit", "/audit/", audit),
    }


def form(term: str, input_id: str) -> dict:
    """A search form's submit as the compiled frontend sends it: the fields by name and by id."""
    return {"form": {"__reflex_form_data__": [["search", term], [input_id.replace("-", "_"), term]]}}


def empty_pages(app_dir: Path) -> dict[str, Page]:
    sys.path.insert(0, str(app_dir))
    from emptyapp.emptyapp import CounterState  # the copy that runs, so the names are the served ones

    return {"counter": Page("counter", "/", [("increment", event_name(CounterState, "increment"), {})])}


def read_frontend(target: Target, web_dir: Path) -> None:
    """What the compiled frontend sends on connect: state name, initial state hashes, schema, storage keys."""
    text = (web_dir / "utils" / "context.jsx").read_text()

    def constant(name: str):
        found = re.search(rf"^export const {name} = (.*)$", text, re.MULTILINE)
        if not found:
            raise SystemExit(f"{name} not found in {web_dir}/utils/context.jsx: the frontend changed")
        return json.loads(found[1])

    target.state_name = constant("state_name")
    target.hashes = constant("initialStateHashes")
    target.schema = constant("stateSchema")
    storage = constant("clientStorage")
    target.storage = {options["name"]: key for key, options in storage.get("local_storage", {}).items()}


# ------------------------------------------------------------------ one simulated browser tab


class Tab:
    """One websocket with its own client token; replies are matched to events in order (Reflex processes
    one tab's events one after another), each event being done at its last update frame."""

    def __init__(self, target: Target, page: Page, session: str | None, offset: int, stats: dict):
        self.target, self.page, self.session = target, page, session
        self.position = offset
        self.pending: collections.deque = collections.deque()  # [kind, sent at, frames to go, future]
        self.stats = stats  # shared by the tabs of one client: kind -> [sent, latencies]
        self.frames = self.stray = self.frontend_events = self.skipped = 0
        self.other: list[str] = []
        self.log: list[tuple[float, int]] | None = None  # calibration: (time, bytes) of every update frame
        self.texts: list[str] = []  # calibration: the update frames themselves
        self.ws = None
        self.reader: asyncio.Task | None = None
        self.hydrated: asyncio.Future | None = None
        self.closed = self.closing = False
        base = target.url.replace("http://", "ws://")
        self.ws_url = f"{base}/_event/?token={uuid.uuid4()}&EIO=4&transport=websocket"
        router = {"pathname": page.path, "asPath": page.path}
        self.messages = [
            (kind, "42/_event," + json.dumps(["event", {"name": name, "payload": payload, "router_data": router}]))
            for kind, name, payload in page.steps
        ]

    def hydrate_packet(self) -> str:
        """The Socket.IO CONNECT packet of a first page load: the boot event with the browser's LocalStorage."""
        payload: dict = {}
        local = {}
        if self.session is not None and "pc_session" in self.target.storage:
            local[self.target.storage["pc_session"]] = self.session
            if "pc_lang" in self.target.storage:
                local[self.target.storage["pc_lang"]] = "en"
        if local:
            payload["vars"] = local
        payload["hashes"] = self.target.hashes
        event = {
            "name": f"{self.target.state_name}.hydrate_and_load",
            "payload": payload,
            "router_data": {"pathname": self.page.path, "asPath": self.page.path},
        }
        return "40/_event," + json.dumps({"event": event, "state_schema": self.target.schema})

    async def open(self, hydrate_frames: int | None) -> float:
        """Connect and hydrate; returns the hydration time (s). With hydrate_frames None (calibration) the
        caller waits for the frames itself."""
        from websockets.asyncio.client import connect

        origin = self.target.url
        self.ws = await connect(
            self.ws_url,
            origin=origin,
            additional_headers=BROWSER_HEADERS,
            user_agent_header=USER_AGENT,
            subprotocols=[reflex_version()],
            compression=None,
            max_size=None,
            ping_interval=None,
            proxy=None,
            open_timeout=120,
        )
        opened = await self.ws.recv()
        if not opened.startswith("0{"):
            raise RuntimeError(f"unexpected Engine.IO open: {opened[:200]}")
        start = time.perf_counter()
        if hydrate_frames is not None:
            self.hydrated = asyncio.get_running_loop().create_future()
            self.pending.append(["hydrate", start, hydrate_frames, self.hydrated])
        self.reader = asyncio.create_task(self.read())
        await self.ws.send(self.hydrate_packet())
        if self.hydrated is not None:
            await self.hydrated
        return time.perf_counter() - start

    async def read(self) -> None:
        from websockets.exceptions import ConnectionClosed

        ws = self.ws
        try:
            async for message in ws:
                if message.startswith(EVENT_FRAME):
                    now = time.perf_counter()
                    self.frames += 1
                    if self.log is not None:
                        self.log.append((now, len(message.encode())))
                        self.texts.append(message)
                    if FRONTEND_EVENTS in message:
                        self.frontend_events += 1
                        if len(self.other) < 3:
                            self.other.append(message[:300])
                    if not self.pending:
                        self.stray += 1
                        continue
                    head = self.pending[0]
                    head[2] -= 1
                    if head[2] <= 0:
                        self.pending.popleft()
                        self.done(head, now)
                elif message == "2":  # Engine.IO ping: answer pong as the browser does
                    await ws.send("3")
                elif not message.startswith("40") and len(self.other) < 3:
                    self.other.append(message[:300])
        except ConnectionClosed:
            pass
        finally:
            self.closed = True

    def done(self, entry: list, now: float) -> None:
        kind, sent, _, future = entry
        if kind != "hydrate":
            self.stats[kind][1].append((now, now - sent))
        if future is not None and not future.done():
            future.set_result(now - sent)

    async def send_next(self, want_future: bool = False, max_pending: int = 0) -> asyncio.Future | None:
        kind, message = self.messages[self.position % len(self.messages)]
        self.position += 1
        self.stats[kind][0] += 1
        if max_pending and len(self.pending) >= max_pending:
            self.skipped += 1  # offered, not sent: the user is still waiting for earlier clicks
            return None
        future = asyncio.get_running_loop().create_future() if want_future else None
        self.pending.append([kind, time.perf_counter(), self.target.frames[kind], future])
        await self.ws.send(message)
        return future

    async def close(self) -> None:
        self.closing = True
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(BaseException):
                await self.reader


_VERSION: list[str] = []


def reflex_version() -> str:
    if not _VERSION:
        from reflex_base.constants import Reflex

        _VERSION.append(Reflex.VERSION)
    return _VERSION[0]


# ------------------------------------------------------------------ calibration: frames per event, hydration


async def _quiet(tab: Tab, since: int, quiet: float, timeout: float) -> None:
    """Wait until `quiet` seconds pass without a new update frame (at least one frame after `since`)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        await asyncio.sleep(0.02)
        if len(tab.log) > since and time.perf_counter() - tab.log[-1][0] >= quiet:
            return
    if len(tab.log) <= since:
        return


def largest_vars(frames: list[str], count: int = 6) -> list[tuple[str, int]]:
    """The state vars that weigh most in a page's hydration frames (bytes of their JSON), to say where the
    bytes go."""
    sizes: collections.Counter = collections.Counter()
    for frame in frames:
        try:
            update = json.loads(frame[len(EVENT_FRAME) - len('["event",') :])[1]
        except (ValueError, IndexError):
            continue
        for state_name, delta in (update.get("delta") or {}).items():
            for var, value in delta.items():
                sizes[f"{state_name.rsplit('.', 1)[-1]}.{var}"] += len(json.dumps(value, ensure_ascii=False).encode())
    return sizes.most_common(count)


async def calibrate(target: Target, sessions: list[str | None]) -> dict:
    """One tab per page on the idle server: hydrate (3 fresh tabs: frames, bytes, time), then each event of
    the page's cycle once, counting the update frames it gets. Returns the hydration figures per page."""
    hydration: dict[str, dict] = {}
    frames: dict[str, set[int]] = collections.defaultdict(set)
    for index, page in enumerate(target.pages.values()):
        times, sizes, counts = [], [], []
        for attempt in range(3):
            stats = collections.defaultdict(lambda: [0, []])
            tab = Tab(target, page, sessions[(index * 3 + attempt) % len(sessions)], 0, stats)
            tab.log = []
            start = time.perf_counter()
            await tab.open(None)
            await _quiet(tab, 0, 1.0, 30)
            times.append(tab.log[-1][0] - start if tab.log else float("nan"))
            sizes.append(sum(size for _, size in tab.log))
            counts.append(len(tab.log))
            if attempt < 2:
                await tab.close()
        frames[f"hydrate:{page.name}"].add(counts[-1])
        hydration[page.path] = {
            "frames": counts[-1],
            "bytes": sizes[-1],
            "ms": statistics.median(times) * 1000,
            "largest": largest_vars(tab.texts),
            "up": len(tab.hydrate_packet().encode()),
            "redirect": tab.frontend_events > 0,
            "other": list(tab.other),
        }
        for kind, message in tab.messages:
            seen = len(tab.log)
            await tab.ws.send(message)
            await _quiet(tab, seen, 0.4, 20)
            frames[kind].add(len(tab.log) - seen)
        if tab.frontend_events:
            print(f"  note: {page.path} sent frontend events (redirect/toast?): {tab.other[:2]}")
        await tab.close()
    for kind, counts in frames.items():
        if len(counts) > 1:
            print(f"  note: {kind!r} got {sorted(counts)} update frames in calibration; using the largest")
        if max(counts) == 0:
            raise SystemExit(f"{target.label}: {kind!r} gets no update frame: its latency cannot be measured")
        target.frames[kind] = max(counts)
    return hydration


# ------------------------------------------------------------------ a load, in one or more client processes


async def _client(
    target: Target, load: Load, tabs_spec: list[tuple[str, str | None, int]], conn, phase_seconds: list[float] | None
) -> None:
    stats: dict = collections.defaultdict(lambda: [0, []])
    tabs: list[Tab] = []
    failures: list[str] = []
    hydrate_times: list[float] = []
    gate = asyncio.Semaphore(20)

    async def open_tab(page_name: str, session: str | None, offset: int) -> None:
        tab = Tab(target, target.pages[page_name], session, offset, stats)
        async with gate:
            try:
                hydrate_times.append(await asyncio.wait_for(tab.open(target.frames[f"hydrate:{page_name}"]), 180))
                tabs.append(tab)
            except Exception as error:  # noqa: BLE001 (reported, not fatal)
                failures.append(f"{type(error).__name__}: {error}"[:200])
                await tab.close()

    loop = asyncio.get_running_loop()
    if phase_seconds is None:
        await asyncio.gather(*(open_tab(*spec) for spec in tabs_spec))
    conn.send(("ready", len(tabs) if phase_seconds is None else len(tabs_spec)))
    start_wall = await loop.run_in_executor(None, conn.recv)
    start = time.perf_counter() + (start_wall - time.time())
    await asyncio.sleep(max(0.0, start - time.perf_counter()))
    cpu0, window_start = time.process_time(), time.perf_counter()
    if phase_seconds is not None:  # one tab, one page after the other
        start = time.perf_counter()
        for spec, seconds in zip(tabs_spec, phase_seconds, strict=True):
            await open_tab(*spec)
            if len(tabs) == 0 or tabs[-1].page.name != spec[0]:
                continue
            tab = tabs[-1]
            phase_start = time.perf_counter()
            await _paced_loop(tab, phase_start + seconds, load.period)
            await _drain([tab], phase_start + seconds + 60)  # the next page starts on an idle server
            await tab.close()
        measured = time.perf_counter() - start
    else:
        end = start + load.duration
        if load.period is None:
            await asyncio.gather(*(_closed_loop(tab, end) for tab in tabs))
        else:
            await asyncio.gather(
                *(_open_loop(tab, start, end, load.period, random.Random(i)) for i, tab in enumerate(tabs))
            )
        await _drain(tabs, end + load.drain)
        measured = load.duration
    cpu = time.process_time() - cpu0
    deadline = time.perf_counter()
    result = {
        "stats": {kind: (sent, [lat for at, lat in done if at <= deadline]) for kind, (sent, done) in stats.items()},
        "answers": [(at, lat) for _, done in stats.values() for at, lat in done if at <= deadline],
        "tabs": len(tabs),
        "failures": failures,
        "hydrate": hydrate_times,
        "cpu": cpu,
        "measured": measured,
        "wall": deadline - window_start,
        "stray": sum(t.stray for t in tabs),
        "skipped": sum(t.skipped for t in tabs),
        "frontend_events": sum(t.frontend_events for t in tabs),
        "other": [m for t in tabs for m in t.other][:5],
        "closed": sum(t.closed and not t.closing for t in tabs),
    }
    await asyncio.gather(*(tab.close() for tab in tabs))
    conn.send(("result", result))


async def _open_loop(tab: Tab, start: float, end: float, period: float, rng: random.Random) -> None:
    """Send on the tab's own schedule whatever happened to the earlier events (open loop), jittered; with
    MAX_PENDING events unanswered the tab skips its turn (counted as offered and not served)."""
    at = start + rng.random() * period
    while at < end and not tab.closed:
        await asyncio.sleep(max(0.0, at - time.perf_counter()))
        await tab.send_next(max_pending=MAX_PENDING)
        at += period * rng.uniform(0.75, 1.25)


async def _paced_loop(tab: Tab, end: float, period: float) -> None:
    """One tab's events `period` apart, each sent once the previous one is answered (as a user clicks after
    seeing the result): latencies of single events on an otherwise idle server."""
    at = time.perf_counter()
    while at < end and not tab.closed:
        await asyncio.sleep(max(0.0, at - time.perf_counter()))
        future = await tab.send_next(want_future=True)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(future, max(0.1, end + 30 - time.perf_counter()))
        at = max(at + period, time.perf_counter())


async def _closed_loop(tab: Tab, end: float) -> None:
    while time.perf_counter() < end and not tab.closed:
        future = await tab.send_next(want_future=True)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(future, max(0.1, end + 5 - time.perf_counter()))


async def _drain(tabs: list[Tab], until: float) -> None:
    while time.perf_counter() < until and any(t.pending and not t.closed for t in tabs):
        await asyncio.sleep(0.02)


def _client_main(target, load, tabs_spec, conn, phase_seconds) -> None:
    asyncio.run(_client(target, load, tabs_spec, conn, phase_seconds))


def _receive(process, conn):
    while not conn.poll(1):
        if not process.is_alive():
            raise RuntimeError(f"a client process exited with code {process.exitcode}")
    return conn.recv()


def run_load(
    target: Target,
    load: Load,
    sessions: list[str | None],
    clients: int,
    samples: int,
    server: subprocess.Popen | None = None,
    services: bool = False,
) -> dict:
    """The load against one app; returns the merged figures (with the CPU seconds `server`'s process tree
    used from the start of the measured window until every answer was in, and with `services` those of the
    machine's PostgreSQL and Redis, which the app then uses)."""
    pages = list(target.pages)
    if load.tabs == 1:
        clients = 1
        specs = [(name, sessions[i % len(sessions)], 0) for i, name in enumerate(pages)]
        phase_seconds = [
            max(load.duration / len(pages), samples * len(target.pages[name].steps) * load.period) for name in pages
        ]
    else:
        rng = random.Random(11)
        order = [p for p in TAB_PAGES if p in target.pages] or pages
        specs = []
        for i in range(load.tabs):
            name = order[i % len(order)]
            specs.append((name, sessions[i % len(sessions)], rng.randrange(len(target.pages[name].steps))))
        phase_seconds = None
    context = multiprocessing.get_context("fork")
    workers = []
    for index in range(clients):
        parent, child = context.Pipe()
        process = context.Process(
            target=_client_main, daemon=True, args=(target, load, specs[index::clients], child, phase_seconds)
        )
        process.start()
        workers.append((process, parent))
    ramp = time.perf_counter()
    ready = sum(_receive(process, parent)[1] for process, parent in workers)
    ramp = time.perf_counter() - ramp
    if server is not None and load.tabs > 1:
        # A tab counts as open at its hydration's last update frame, but the server may still be finishing
        # work the openings queued: the load measures the open tabs acting, not the tail of their opening
        # (which "hydration while ramping" reports).
        settle([server], limit=60)
    load_start = os.getloadavg()
    start_at = time.time() + 0.5
    cpu_before = cpu_seconds_by_process([server]) if server else {}
    services_before = services_cpu_seconds() if services else 0.0
    cpu_window = time.perf_counter()
    for _, parent in workers:
        parent.send(start_at)
    results = [_receive(process, parent)[1] for process, parent in workers]
    cpu_after = cpu_seconds_by_process([server]) if server else {}
    by_process = {pid: cpu_after[pid] - cpu_before.get(pid, 0.0) for pid in cpu_after}
    server_cpu_used = sum(by_process.values())
    services_used = services_cpu_seconds() - services_before if services else None
    cpu_window = time.perf_counter() - cpu_window
    for process, _ in workers:
        process.join(timeout=30)
    merged: dict = {
        "stats": collections.defaultdict(lambda: [0, []]),
        "ready": ready,
        "ramp": ramp,
        "loadavg": (load_start, os.getloadavg()),
        "server_cpu": server_cpu_used,
        "busiest_cpu": sorted(by_process.values(), reverse=True)[:2],
        "services_cpu": services_used,
        "cpu_window": cpu_window,
    }
    for result in results:
        for kind, (sent, latencies) in result["stats"].items():
            merged["stats"][kind][0] += sent
            merged["stats"][kind][1] += latencies
        for key in ("failures", "hydrate", "other", "answers"):
            merged.setdefault(key, []).extend(result[key])
        for key in ("cpu", "stray", "frontend_events", "closed", "skipped"):
            merged[key] = merged.get(key, 0) + result[key]
        merged["measured"] = max(merged.get("measured", 0), result["measured"])
        merged["wall"] = max(merged.get("wall", 0), result["wall"])
    return merged


# ------------------------------------------------------------------ the apps


def start_empty_app(workdir: Path, redis_url: str | None, extra: dict) -> tuple[subprocess.Popen, Target, Path]:
    """Copy benchmarks/empty_app to a build folder kept between runs (its .web is reused: the first build
    installs the frontend packages), then start it like the real app."""
    app_dir = Path(tempfile.gettempdir()) / "events-bench-empty-app"
    for source in EMPTY_APP_DIR.rglob("*.py"):
        copy = app_dir / source.relative_to(EMPTY_APP_DIR)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
    env = {
        "REFLEX_STATES_WORKDIR": str(workdir / "empty-states"),
        "REFLEX_REDIS_URL": redis_url,
        "REDIS_URL": None,
        "DATABASE_URL": None,
        **extra,
    }
    server, url = start_reflex(app_dir, env, workdir / "empty-server.log")
    target = Target("empty app", url, pages=empty_pages(app_dir))
    read_frontend(target, app_dir / ".web")
    return server, target, workdir / "empty-states"


def add_reseller_data(db_path: Path, users: int, audit_entries: int) -> None:
    """Users and audit entries for the reseller (org 1), so the Users and Audit pages have real lists."""
    with contextlib.closing(sqlite3.connect(db_path)) as db, db:
        password_hash = db.execute('SELECT password_hash FROM "user" WHERE email = ?', (BENCH_USER[0],)).fetchone()[0]
        agents = ["admin_agent", "helpdesk_agent", "not_an_agent", "admin_agent"]
        admins = ["global_admin", "user_management_admin", "billing_admin", "not_an_admin"]
        rows = []
        for i in range(users):
            # every fourth user is a Global admin + Admin agent (the tabs sign in as them)
            agent, admin = ("admin_agent", "global_admin") if i % 4 == 0 else (agents[i % 4], admins[(i // 4) % 4])
            rows.append(
                (f"bench-user-{i:03d}@contoso-cloud.example", f"Bench User {i:03d}", password_hash, agent, admin, NOW)
            )
        db.executemany(
            'INSERT INTO "user" (org_id, email, full_name, password_hash, agent_role, admin_role, is_active, '
            "must_change_password, failed_sign_ins, created_at) VALUES (1, ?, ?, ?, ?, ?, 1, 0, 0, ?)",
            rows,
        )
        actions = [
            "auth.sign_in",
            "auth.sign_out",
            "user.added",
            "user.roles_updated",
            "user.password_reset",
            "user.deactivated",
            "user.reactivated",
            "auth.password_changed",
        ]
        base = datetime(2025, 6, 1, tzinfo=UTC)
        entries = []
        for i in range(audit_entries):
            at = (base + timedelta(seconds=300 * i)).strftime("%Y-%m-%d %H:%M:%S.000000")
            outcome = "refused" if i % 23 == 0 else "ok"
            entries.append(
                (
                    at,
                    f"bench-user-{i % users:03d}@contoso-cloud.example",
                    actions[i % len(actions)],
                    "user",
                    1 + i % users,
                    outcome,
                )
            )
        db.executemany(
            "INSERT INTO auditevent (at, org_id, actor_email, action, target_type, target_id, detail, outcome, "
            "client_address) VALUES (?, 1, ?, ?, ?, ?, '', ?, '127.0.0.1')",
            entries,
        )


def tab_users(database_url: str) -> list[int]:
    import sqlalchemy as sa

    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        ids = [
            row[0]
            for row in conn.execute(
                sa.text(
                    "SELECT id FROM \"user\" WHERE org_id = 1 AND admin_role = 'global_admin' "
                    "AND agent_role = 'admin_agent' AND is_active ORDER BY id"
                )
            )
        ]
    engine.dispose()
    return ids


def create_sessions(database_url: str, user_ids: list[int], count: int) -> list[str]:
    """Signed-in sessions as `services.auth` opens them (only the SHA-256 of each token is stored)."""
    import sqlalchemy as sa

    from rxapp.models import AuthSession
    from rxapp.settings import get_settings

    now = datetime.now(UTC)
    tokens = [secrets.token_urlsafe(32) for _ in range(count)]
    rows = [
        {
            "user_id": user_ids[i % len(user_ids)],
            "token_hash": hashlib.sha256(token.encode()).hexdigest(),
            "created_at": now,
            "last_seen_at": now,
            "expires_at": now + timedelta(hours=get_settings().session_absolute_hours),
            "client_address": "127.0.0.1",
        }
        for i, token in enumerate(tokens)
    ]
    engine = sa.create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(sa.insert(AuthSession.__table__), rows)
    engine.dispose()
    return tokens


def copy_to_postgres(sqlite_path: Path, url: str) -> None:
    """The prepared SQLite copy's data into a migrated PostgreSQL database, with COPY."""
    import psycopg

    from rxapp.models.messaging import AUDIT_RECOUNT
    from rxapp.models.relationships import RELATIONSHIP_RECOUNT

    tables = ["organization", "relationship", "user", "auditevent"]
    with contextlib.closing(sqlite3.connect(sqlite_path)) as src, psycopg.connect(url) as pg:
        pg.execute("SET TIME ZONE 'UTC'")
        pg.execute("SET session_replication_role = replica")  # a consistent copy: skip the per-row FK triggers
        for table in tables:
            columns = [row[1] for row in src.execute(f'PRAGMA table_info("{table}")')]
            names = ", ".join(f'"{c}"' for c in columns)
            with pg.cursor() as cur, cur.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in src.execute(f'SELECT {names} FROM "{table}"'):  # noqa: S608 (our own table names)
                    copy.write_row(row)
            pg.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "  # noqa: S608
                f'(SELECT max(id) FROM "{table}"))'
            )
        for statement in (*RELATIONSHIP_RECOUNT, *AUDIT_RECOUNT):  # the copy skipped the counting triggers
            pg.execute(statement)
        pg.commit()
        pg.autocommit = True
        pg.execute("ANALYZE")


def pg_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def free_redis_dbs(count: int) -> list[int]:
    """Redis database numbers that hold no key now (the run empties them again at the end)."""
    import redis

    free = []
    for number in range(15, 0, -1):
        client = redis.Redis.from_url(f"{REDIS_HOST}/{number}")
        if client.dbsize() == 0:
            free.append(number)
        client.close()
        if len(free) == count:
            return free
    raise SystemExit("no empty Redis database found for the run")


def redis_keys(url: str) -> int:
    import redis

    client = redis.Redis.from_url(url)
    try:
        return client.dbsize()
    finally:
        client.close()


# ------------------------------------------------------------------ measurements outside the loads


def raw_fts(db_path: Path, runs: int) -> dict[str, tuple[int, float]]:
    """Count the organizations matching each 3+ character term through the FTS5 trigram index (read-only)."""
    figures = {}
    with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
        for term in SEARCH_TERMS:
            if len(term) < 3:
                continue
            phrase = '"' + term.replace('"', '""') + '"'
            sql = "SELECT count(*) FROM organization_search WHERE organization_search MATCH ?"
            for _ in range(3):
                db.execute(sql, (phrase,)).fetchone()
            samples = []
            for _ in range(runs):
                start = time.perf_counter()
                count = db.execute(sql, (phrase,)).fetchone()[0]
                samples.append((time.perf_counter() - start) * 1000)
            figures[term] = (count, statistics.median(samples))
    return figures


def server_memory(server: subprocess.Popen) -> list[tuple[str, int, float, float | None, float | None]]:
    """(process, pid, RSS MB, USS MB, PSS MB) of the server's process tree (Python processes: the workers and
    their service processes)."""
    import psutil

    rows = []
    try:
        root = psutil.Process(server.pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return rows
    for process in processes:
        try:
            name = "reflex run (supervisor)" if process.pid == server.pid else f"worker of {process.ppid()}"
            cmd = process.name()
            try:
                info = process.memory_full_info()
                uss, pss = info.uss / 2**20, info.pss / 2**20
            except (psutil.AccessDenied, AttributeError):
                info, uss, pss = process.memory_info(), None, None
            rows.append((f"{name} ({cmd})", process.pid, info.rss / 2**20, uss, pss))
        except psutil.NoSuchProcess:
            continue
    return rows


def cpu_seconds(servers: list[subprocess.Popen]) -> float:
    """CPU seconds (user + system) used so far by the servers' process trees."""
    return sum(cpu_seconds_by_process(servers).values())


def cpu_seconds_by_process(servers: list[subprocess.Popen]) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each process of the servers' trees, by pid: the busiest
    worker, not the sum, is what queues a multi-worker app's events first."""
    import psutil

    used: dict[int, float] = {}
    for server in servers:
        with contextlib.suppress(psutil.NoSuchProcess):
            root = psutil.Process(server.pid)
            for process in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    times = process.cpu_times()
                    used[process.pid] = times.user + times.system
    return used


SERVICE_PROCESS_NAMES = ("postgres", "redis-server")  # the servers' database and state store (this machine's)


def services_cpu_seconds() -> float:
    """CPU seconds (user + system) used so far by the PostgreSQL and Redis processes on this machine: measured
    around one app's load at a time, their difference is that app's database and state-store work (a backend
    that exits meanwhile takes its share with it; the apps keep their connections open)."""
    import psutil

    used = 0.0
    for process in psutil.process_iter(["name"]):
        if process.info["name"] in SERVICE_PROCESS_NAMES:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                times = process.cpu_times()
                used += times.user + times.system
    return used


def server_cpu(servers: list[subprocess.Popen], seconds: float = 1.0) -> float:
    """CPU used by the servers' process trees over `seconds`, in % of one core."""
    before = cpu_seconds(servers)
    time.sleep(seconds)
    return 100 * (cpu_seconds(servers) - before) / seconds


IDLE_CPU = [10.0]  # % of a core under which the servers count as idle (raised to their own idle use)


def settle(servers: list[subprocess.Popen], limit: float = 180) -> None:
    """Wait until the servers have worked off what earlier loads left queued (back to their idle CPU use)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if server_cpu(servers) < IDLE_CPU[0]:
            waited = time.perf_counter() - start
            if waited > 5:
                print(f"  (waited {waited:.0f} s for the servers to finish earlier work)")
            return
    print(f"  note: the servers were still busy after {limit:.0f} s; measuring anyway")


def folder_size(path: Path) -> tuple[int, int]:
    files = size = 0
    if path.exists():
        for item in path.rglob("*"):
            if item.is_file():
                files += 1
                size += item.stat().st_size
    return files, size


def first_loads(cases: list[tuple[str, str, str | None]], runs: int) -> list[tuple[str, float, int, int]]:
    """Open each URL in a fresh Chromium context (cold cache): time to ready and bytes transferred, median of
    `runs` rounds. The cases take turns within each round (empty, real, real, empty, ...): the VM's speed drifts
    within minutes, and three runs of one app then three of the other measured that drift as their difference.

    Ready = the last websocket frame of the page's hydration (the update setting is_hydrated true, or one within
    a second after it) or the load event, whichever is later, from the document request; bytes = HTTP (encoded,
    with headers) + websocket frames received."""
    from playwright.sync_api import sync_playwright

    measured: dict[str, list[tuple[float, int, int]]] = {label: [] for label, _, _ in cases}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            for label, url, session in cases:
                measured[label].append(_first_load(browser, url, session))
        browser.close()
    return [
        (
            label,
            statistics.median(ready for ready, _, _ in measured[label]),
            int(statistics.median(http for _, http, _ in measured[label])),
            int(statistics.median(ws for _, _, ws in measured[label])),
        )
        for label, _, _ in cases
    ]


def print_opener_policy_cost(
    cases: list[tuple[str, str, str | None]], loaded: list[tuple[str, float, int, int]]
) -> None:
    """Which pages are sent with Cross-Origin-Opener-Policy (a fresh tab starts a renderer process for them), what
    that costs here (two blank pages, with and without the header), and the ratios without that cost, for
    reference: the figures above are the ones the targets are read against."""
    senders = {label for label, url, _ in cases if opener_policy.sends_header(url)}
    plain, coop = opener_policy.cost(FIRST_LOAD_ROUNDS * 2)
    extra = coop - plain
    print(
        f"Cross-Origin-Opener-Policy sent by: {', '.join(sorted(senders)) or 'none'}; from a fresh tab a blank page "
        f"with it opens in {coop:.0f} ms against {plain:.0f} ms without it (+{extra:.0f} ms: a renderer process "
        f"started for it; median of {FIRST_LOAD_ROUNDS * 2})"
    )
    base = loaded[0][1] - (extra if loaded[0][0] in senders else 0)
    print(
        "  for reference, ready x empty without that renderer start: "
        + ", ".join(
            f"{label} {(ready - (extra if label in senders else 0)) / base:.2f}" for label, ready, _, _ in loaded[1:]
        )
    )


def _first_load(browser, url: str, session: str | None) -> tuple[float, int, int]:
    """One cold load of `url` in a fresh context: (ready ms, HTTP bytes, websocket bytes)."""
    context = browser.new_context()
    if session:
        context.add_init_script(
            f"localStorage.setItem('pc_session', {json.dumps(session)});localStorage.setItem('pc_lang', 'en');"
        )
    page = context.new_page()
    page.set_default_timeout(120_000)
    cdp = context.new_cdp_session(page)
    seen = {"doc": None, "http": 0, "ws": 0, "last": 0.0, "hydrated": False}

    def sent(event):
        if seen["doc"] is None and event.get("type") == "Document":
            seen["doc"] = event["timestamp"]

    def finished(event):
        seen["http"] += int(event.get("encodedDataLength", 0))

    def frame(event):
        payload = event["response"]["payloadData"]
        seen["ws"] += len(payload.encode())
        seen["last"] = max(seen["last"], event["timestamp"])
        if HYDRATED in payload:
            seen["hydrated"] = True

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.webSocketFrameReceived", frame)
    cdp.send("Network.enable")
    page.goto(url, wait_until="load")
    load_end = cdp.send(
        "Runtime.evaluate",
        {"expression": "performance.timing.loadEventEnd - performance.timing.fetchStart", "returnByValue": True},
    )["result"]["value"]
    # Hydrated: the frame that sets is_hydrated true (the last of the page's on_load chain), then one quiet
    # second for any later update.
    quiet_since, count = time.monotonic(), -1
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        if seen["ws"] != count:
            count, quiet_since = seen["ws"], time.monotonic()
        elif seen["hydrated"] and time.monotonic() - quiet_since >= 1.0:
            break
    ws_ready = (seen["last"] - seen["doc"]) * 1000 if seen["doc"] and seen["last"] else 0.0
    context.close()
    return max(ws_ready, float(load_end)), int(seen["http"]), int(seen["ws"])


# ------------------------------------------------------------------ printing


def ms(value: float) -> str:
    return f"{value * 1000:,.1f}"


def summarize(result: dict) -> dict[str, dict]:
    rows = {}
    every: list[float] = []
    sent_total = 0
    for kind, (sent, latencies) in result["stats"].items():
        rows[kind] = figures(sent, latencies, result["measured"])
        every += latencies
        sent_total += sent
    rows["all events"] = figures(sent_total, every, result["measured"])
    return rows


def figures(sent: int, latencies: list[float], seconds: float) -> dict:
    if not latencies:
        return {
            "count": 0,
            "sent": sent,
            "p50": float("nan"),
            "p95": float("nan"),
            "p99": float("nan"),
            "served": 0.0,
            "offered": sent / seconds,
        }
    return {
        "count": len(latencies),
        "sent": sent,
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "served": len(latencies) / seconds,
        "offered": sent / seconds,
    }


def print_load(load: Load, empty: dict, real: dict) -> None:
    print(
        f"\n== load: {load.name}"
        + (
            f", {empty['measured']:.0f} s (empty) / {real['measured']:.0f} s (real)"
            if load.tabs == 1
            else f", {load.duration:.0f} s each"
        )
    )
    e_rows, r_rows = summarize(empty), summarize(real)
    e_all = e_rows["all events"]
    header = (
        f"{'app / event':32} {'count':>7} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} {'served/s':>9} "
        f"{'offered/s':>9} {'served':>7} {'p95 x empty':>11}"
    )
    if load.period is None:
        header += f" {'ev/s x empty':>12}"
    print(header)
    for label, rows in (("empty", e_rows), ("real", r_rows)):
        kinds = sorted(k for k in rows if k != "all events")
        for kind in [*kinds, "all events"] if len(kinds) > 1 else kinds:
            row = rows[kind]
            pct = 100 * row["count"] / row["sent"] if row["sent"] else float("nan")
            ratio = row["p95"] / e_all["p95"] if e_all["count"] else float("nan")
            line = (
                f"{label + ' ' + kind:32} {row['count']:>7,} {ms(row['p50']):>9} {ms(row['p95']):>9} "
                f"{ms(row['p99']):>9} {row['served']:>9,.1f} {row['offered']:>9,.1f} {pct:>6.1f}% "
                f"{ratio:>10.1f}x"
            )
            if load.period is None and (kind == "all events" or len(kinds) == 1):
                line += f" {row['served'] / e_all['served'] if e_all['served'] else float('nan'):>11.2f}x"
            print(line)
    for label, result in (("empty", empty), ("real", real)):
        cpu = 100 * result["cpu"] / max(result["wall"], 1e-9)
        hydrate = result["hydrate"]
        extra = (
            f"; hydration while ramping p50 {ms(statistics.median(hydrate))} ms, "
            f"p95 {ms(percentile(hydrate, 95))} ms, {result['ramp']:.0f} s to open {result['ready']:,} tabs"
            if hydrate and load.tabs > 1
            else ""
        )
        problems = ""
        if result["failures"]:
            problems += f"; {len(result['failures'])} tabs failed to open ({result['failures'][0]})"
        if result["closed"]:
            problems += f"; {result['closed']} websockets closed by the server"
        if result["frontend_events"]:
            problems += f"; {result['frontend_events']} updates carried frontend events ({result['other'][:1]})"
        if result["skipped"]:
            problems += f"; {result['skipped']:,} turns skipped with {MAX_PENDING} events unanswered"
        if result["stray"]:
            problems += f"; {result['stray']} unmatched update frames"
        start, end = result["loadavg"]
        served = sum(len(latencies) for _, latencies in result["stats"].values())
        per_event = 1000 * result["server_cpu"] / served if served else float("nan")
        services = result["services_cpu"]
        services_text = (
            f"+ PostgreSQL and Redis {1000 * services / served:.2f} ms; " if services is not None and served else ""
        )
        # Cores the server side kept busy: what the machine must have beside the clients for this load.
        cores = (result["server_cpu"] + (services or 0.0)) / max(result["cpu_window"], 1e-9)
        busiest = result["busiest_cpu"]
        busiest_text = ""
        if len(busiest) > 1 and busiest[1] > 0.05 * busiest[0]:
            shares = ", ".join(f"{100 * used / max(result['cpu_window'], 1e-9):.0f}%" for used in busiest)
            busiest_text = f"busiest processes {shares} of a core; "
        print(
            f"  {label}: client CPU {cpu:.0f}% of one core{extra}; server CPU {per_event:.2f} ms per answered "
            f"event ({services_text}{busiest_text}the server side kept {cores:.2f} of {os.cpu_count()} cores busy); "
            f"load average {start[0]:.1f} -> {end[0]:.1f}{problems}"
        )


def _windows(result: dict, seconds: float) -> dict[int, list[float]]:
    """Latencies by the window in which their answer arrived, counted from the load's first answer."""
    answers = result["answers"]  # (arrival, latency), on the machine's monotonic clock shared by the clients
    if not answers:
        return {}
    first = min(at for at, _ in answers)
    windows: dict[int, list[float]] = collections.defaultdict(list)
    for at, latency in answers:
        windows[int((at - first) / seconds)].append(latency)
    return windows


def print_timeline(empty: dict, real: dict, seconds: float) -> None:
    """When during the load the slow answers came: a p95 made of a few stalls reads differently from a
    saturated server that is slow throughout."""
    by_app = {"empty": _windows(empty, seconds), "real": _windows(real, seconds)}
    # The first answer's wall-clock time, to line the windows up with what else was sampled meanwhile (Redis or
    # PostgreSQL counters, a profiler): the answers' times are the machine's monotonic clock.
    wall = time.time() - time.perf_counter()
    starts = [
        datetime.fromtimestamp(min(at for at, _ in result["answers"]) + wall, UTC).strftime("%H:%M:%S.%f")[:-3]
        if result["answers"]
        else "-"
        for result in (empty, real)
    ]
    print(f"answers by {seconds:g} s window: count, p50 / p95 / max ms (first answer at {' / '.join(starts)} UTC)")
    print(f"{'window':>12}  {'empty app':>34}  {'real app':>34}")
    for index in range(max((max(w, default=-1) for w in by_app.values()), default=-1) + 1):
        cells = []
        for windows in by_app.values():
            values = windows.get(index, [])
            cells.append(
                f"{len(values):>6,} {ms(statistics.median(values)):>8} / {ms(percentile(values, 95)):>7} / "
                f"{ms(max(values)):>7}"
                if values
                else f"{'-':>34}"
            )
        print(f"{index * seconds:>5.0f}-{(index + 1) * seconds:<4.0f}s  {cells[0]:>34}  {cells[1]:>34}")


def main() -> int:  # noqa: C901 (one script, one straight flow)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the 100,000-customer database at this path")
    parser.add_argument("--duration", type=float, default=20, help="seconds per load and app (default 20)")
    parser.add_argument(
        "--loads",
        help="comma-separated: 1, N (tabs x 1 event/s), N@Ks (every K s), closed, "
        "or none "
        "(default 1,closed,100,300,1000; with --postgres 1,1000@2s)",
    )
    parser.add_argument("--closed-tabs", type=int, default=10)
    parser.add_argument(
        "--samples",
        type=int,
        default=10,
        help="the 1-tab load runs until every event kind has this many samples (default 10)",
    )
    parser.add_argument("--clients", type=int, help="client processes (default: 1, 2 above 300 events/s)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 5 s loads 1,closed,100, 3 samples")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="the real app on PostgreSQL + Redis (one worker per core), the empty app on Redis too",
    )
    parser.add_argument(
        "--workers", type=int, help="with --postgres: server workers per app (default: one per core, GRANIAN_WORKERS)"
    )
    parser.add_argument("--show-hydration", action="store_true", help="name the heaviest vars of each hydration")
    parser.add_argument("--no-browser", action="store_true", help="skip the first loads in Chromium")
    parser.add_argument(
        "--timeline",
        type=float,
        metavar="SECONDS",
        help="also print each load's latencies window by window (answers per window of this many seconds)",
    )
    args = parser.parse_args()
    if args.quick:
        args.duration = min(args.duration, 5)
        args.samples = min(args.samples, 3)
        args.loads = args.loads or "1,closed,100"
    default_loads = "1,1000@2s" if args.postgres else "1,closed,100,300,1000"
    chosen = args.loads or default_loads
    loads = [] if chosen == "none" else [parse_load(text.strip(), args.closed_tabs) for text in chosen.split(",")]
    for load in loads:
        load.duration = args.duration
        load.drain = 3.0

    started = time.perf_counter()
    print(f"benchmarks/events.py  {datetime.now(UTC):%Y-%m-%d %H:%M} UTC  load average at start: {load_average()}")
    tmp = None
    if args.keep:
        db_source = args.keep
    else:
        tmp = tempfile.TemporaryDirectory(prefix="events-bench-db-")
        db_source = Path(tmp.name) / "bench.db"
    ensure_database(db_source)
    workdir = Path(tempfile.mkdtemp(prefix="events-bench-"))
    servers: list[subprocess.Popen] = []
    scratch_db = redis_dbs = None
    try:
        app_db = workdir / "app.db"
        prepare_app_db(db_source, app_db)
        add_reseller_data(app_db, EXTRA_USERS, AUDIT_ENTRIES)
        with contextlib.closing(sqlite3.connect(app_db)) as db:
            counts = db.execute(
                "SELECT (SELECT count(*) FROM organization), (SELECT count(*) FROM relationship), "
                "(SELECT count(*) FROM relationship WHERE partner_org_id = 1), "
                '(SELECT count(*) FROM "user" WHERE org_id = 1), '
                "(SELECT count(*) FROM auditevent WHERE org_id = 1)"
            ).fetchone()
        print(
            f"database: organizations {counts[0]:,}  relationships {counts[1]:,}  customers of the reseller "
            f"{counts[2]:,}  its users {counts[3]:,}  its audit entries {counts[4]:,}"
        )

        fts = raw_fts(db_source, 20)
        if args.postgres:
            import sqlalchemy as sa

            scratch_db = f"bench_events_{uuid.uuid4().hex[:8]}"
            admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{scratch_db}"'))
            database_url = pg_url(scratch_db)
            migrate = subprocess.run(  # noqa: S603 (our own reflex)
                [str(Path(sys.executable).with_name("reflex")), "db", "migrate"],
                cwd=PROJECT_ROOT,
                env={**os.environ, **REFLEX_ENV, "DATABASE_URL": database_url},
                capture_output=True,
                text=True,
            )
            if migrate.returncode:
                raise SystemExit(f"migration failed:\n{migrate.stdout[-2000:]}{migrate.stderr[-2000:]}")
            step = time.perf_counter()
            copy_to_postgres(app_db, database_url.replace("+psycopg", ""))
            print(
                f"PostgreSQL database {scratch_db} migrated and loaded with COPY in {time.perf_counter() - step:.0f} s"
            )
            redis_dbs = free_redis_dbs(2)
            real_redis, empty_redis = (f"{REDIS_HOST}/{n}" for n in redis_dbs)
        else:
            database_url = f"sqlite:///{app_db}"
            real_redis = empty_redis = None

        # Scale-out: as many workers as cores (Reflex alone would start 2 x cores + 1 with Redis).
        workers = {"GRANIAN_WORKERS": str(args.workers or os.cpu_count())} if args.postgres else {}
        step = time.perf_counter()
        empty_server, empty, empty_states = start_empty_app(workdir, empty_redis, workers)
        servers.append(empty_server)
        print(f"empty app started at {empty.url} in {time.perf_counter() - step:.0f} s")
        step = time.perf_counter()
        real_states = workdir / "real-states"
        real_server, real_url = start_reflex(
            PROJECT_ROOT,
            {**real_app_env(database_url, real_redis), "REFLEX_STATES_WORKDIR": str(real_states), **workers},
            workdir / "real-server.log",
        )
        servers.append(real_server)
        real = Target("real app", real_url, pages=real_pages(), database_url=database_url)
        read_frontend(real, PROJECT_ROOT / ".web")
        real.tab_user_ids = tab_users(database_url)
        print(
            f"real app started at {real.url} in {time.perf_counter() - step:.0f} s "
            f"({'PostgreSQL + Redis' if args.postgres else 'SQLite file, no Redis'}; logs in {workdir})"
        )
        if "pc_session" not in real.storage:
            raise SystemExit("the real app's frontend has no LocalStorage 'pc_session': update benchmarks/events.py")

        idle = min(server_cpu(servers, 2.0) for _ in range(3))
        IDLE_CPU[0] = max(IDLE_CPU[0], 2 * idle + 5)
        print(f"servers' own CPU use while idle: {idle:.0f}% of a core")
        print(
            "\nhydration of one fresh tab per page (idle servers; update frames from the CONNECT packet "
            "until the page's on_load events are done)"
        )
        hydration = asyncio.run(calibrate(empty, [None]))
        hydration_real = asyncio.run(calibrate(real, create_sessions(database_url, real.tab_user_ids, 9)))
        print(f"{'app page':28} {'frames':>6} {'bytes':>9} {'ms':>8} {'sent bytes':>10}")
        for label, figures_ in (("empty", hydration), ("real", hydration_real)):
            for path, h in figures_.items():
                print(
                    f"{label + ' ' + path:28} {h['frames']:>6} {h['bytes']:>9,} {h['ms']:>8.1f} {h['up']:>10,}"
                    + ("  (sent frontend events: redirect?)" if h["redirect"] else "")
                )
                if args.show_hydration:
                    print("      largest: " + ", ".join(f"{name} {size:,}" for name, size in h["largest"]))
        print(
            "update frames per event: "
            + ", ".join(f"{k} {v}" for k, v in {**empty.frames, **real.frames}.items() if not k.startswith("hydrate:"))
        )

        if not args.no_browser:
            token = create_sessions(database_url, real.tab_user_ids, 1)[0]
            cases = [
                ("empty /", f"{empty.url}/", None),
                ("real /signin", f"{real.url}/signin", None),
                ("real /customers (signed in)", f"{real.url}/customers", token),
            ]
            print(
                f"\nfirst load in Chromium (idle servers, fresh context, median of {FIRST_LOAD_ROUNDS} rounds, "
                "the pages taking turns)"
            )
            print(f"{'page':30} {'ready ms':>9} {'HTTP bytes':>11} {'ws bytes':>9} {'x empty':>16}")
            try:
                loaded = first_loads(cases, FIRST_LOAD_ROUNDS)
            except Exception as error:  # noqa: BLE001 (a saturated server: report, keep the rest of the run)
                print(f"  failed: {type(error).__name__}: {str(error).splitlines()[0]}")
                loaded = []
            for label, ready, http, ws in loaded:
                base = loaded[0]
                print(
                    f"{label:30} {ready:>9.0f} {http:>11,} {ws:>9,} "
                    f"{ready / base[1]:>6.2f} / {(http + ws) / (base[2] + base[3]):>5.2f}"
                )
            print(
                "ready = navigation start to the last websocket frame of the hydration (or the load event); "
                "x empty = ready time / bytes against the empty app's /"
            )
            if loaded:
                print_opener_policy_cost(cases, loaded)
        one_tab: dict | None = None
        for load in loads:
            offered = load.offered or 0
            clients = args.clients or (2 if offered > 300 else 1)
            sessions = create_sessions(database_url, real.tab_user_ids, max(load.tabs, 3))
            settle(servers)
            result_empty = run_load(empty, load, [None], clients, args.samples, servers[0], args.postgres)
            settle(servers)
            result_real = run_load(real, load, sessions, clients, args.samples, servers[1], args.postgres)
            print_load(load, result_empty, result_real)
            if args.timeline and load.tabs > 1:
                print_timeline(result_empty, result_real, args.timeline)
            if load.tabs == 1:
                one_tab = summarize(result_real)
                one_tab_empty = summarize(result_empty)["all events"]

        if one_tab is not None:
            print(
                "\n1 tab: searches against the raw SQLite FTS5 count of the same term (read-only connection, "
                "p50 of 20), and paging against the empty app"
            )
            print(f"{'event':28} {'matches':>8} {'raw ms':>8} {'1-tab p50':>10} {'p95':>8} {'ratio':>8}")
            for term in SEARCH_TERMS:
                row = one_tab.get(f"search {term!r}")
                if row is None:
                    continue
                if term in fts:
                    count, raw = fts[term]
                    print(
                        f"{'search ' + repr(term):28} {count:>8,} {raw:>8.2f} {ms(row['p50']):>10} "
                        f"{ms(row['p95']):>8} {row['p50'] * 1000 / raw if raw else float('nan'):>7.1f}x"
                    )
                else:
                    print(
                        f"{'search ' + repr(term):28} {'LIKE':>8} {'-':>8} {ms(row['p50']):>10} "
                        f"{ms(row['p95']):>8} {'(p95 vs 20 ms)':>8}"
                    )
            for kind in ("customers first page", "customers sort", "customers next page"):
                row = one_tab.get(kind)
                if row:
                    diff = (row["p50"] - one_tab_empty["p50"]) * 1000
                    print(
                        f"{kind:28} {'':>8} {'':>8} {ms(row['p50']):>10} {ms(row['p95']):>8} "
                        f"{diff:>+7.1f} ms vs empty p50 {ms(one_tab_empty['p50'])}"
                    )
            if args.postgres:
                print("(the raw FTS5 figures are SQLite's; the real app searches PostgreSQL here)")

        settle(servers)
        print("\nserver processes after the runs")
        print(f"{'app':6} {'process':46} {'pid':>7} {'RSS MB':>8} {'USS MB':>8}")
        totals = {}
        for label, server in (("empty", empty_server), ("real", real_server)):
            rows = server_memory(server)
            for name, pid, rss, uss, _pss in rows:
                print(f"{label:6} {name[:46]:46} {pid:>7} {rss:>8.1f} {uss if uss is not None else float('nan'):>8.1f}")
            workers = [row for row in rows if row[1] != server.pid]
            totals[label] = (sum(row[2] for row in workers), sum(row[4] or 0.0 for row in workers))
        (empty_rss, empty_pss), (real_rss, real_pss) = totals["empty"], totals["real"]
        print(
            f"workers in all (every process below the supervisor, service processes included): "
            f"empty {empty_rss:.1f} MB RSS, {empty_pss:.1f} MB PSS; real {real_rss:.1f} MB RSS, {real_pss:.1f} MB PSS "
            f"({real_rss / empty_rss:.2f}x RSS, {real_pss / empty_pss:.2f}x PSS)"
        )
        print("state storage after the runs")
        for label, states, redis_url in (("empty", empty_states, empty_redis), ("real", real_states, real_redis)):
            files, size = folder_size(states)
            line = f"  {label}: disk state folder {files:,} files, {size / 2**20:.1f} MB"
            if redis_url:
                line += f"; Redis {redis_url}: {redis_keys(redis_url):,} keys"
            print(line)

        errors = (workdir / "real-server.log").read_text(errors="replace").count("Traceback")
        if errors:
            print(f"\nthe real app's log has {errors} tracebacks: {workdir / 'real-server.log'}")
        print(f"\nload average at end: {load_average()}  (whole run {time.perf_counter() - started:.0f} s)")
    finally:
        for server in servers:
            stop_app(server)
        if scratch_db:
            import sqlalchemy as sa

            admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{scratch_db}" WITH (FORCE)'))
            admin.dispose()
        if redis_dbs:
            import redis

            for number in redis_dbs:
                redis.Redis.from_url(f"{REDIS_HOST}/{number}").flushdb()
        for item in workdir.iterdir():  # keep the servers' logs
            if item.is_dir():
                shutil.rmtree(item, ignore_errors=True)
            elif not item.name.endswith(".log"):
                item.unlink()
        if tmp:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
