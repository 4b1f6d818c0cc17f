"""Substring search over a partner's customers without an index that can serve it: 1–2 character terms
(the trigram index needs 3), and every term on PostgreSQL (no trigram index there).

A worker keeps, per partner, its customers' ids in list order with their searchable text (name, domain,
contact email, lower-cased) and finds a term's matches in one pass over them in memory: a few milliseconds
for 100,000 customers, where a LIKE over the joined tables takes tens. The copy is valid while the partner's
`relationship_count.changes` (moved by triggers, in the same transaction as any change of its relationships
or of its customers' names) stays the same; the version is read on every search, so a search never shows a
customer that has left or misses one that has come. Only the ids come from here: the page's rows are read
fresh from the database. A term's matches are kept with the copy (also those the trigram index found, see
`indexed_page`), so the same search and its next pages cost one page of rows. The memory is bounded (least
recently used partners, and per partner the least recently used terms, are dropped) and compact: ids and match
lists are C arrays (4-8 bytes an entry, where a list of Python ints takes about 36), and so are the positions
unless the partner's customer ids are too spread out (`_Positions`).
"""

from __future__ import annotations

import operator
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat

import sqlalchemy as sa
from sqlmodel import Session

from rxapp.db_reads import driver_connection, read
from rxapp.models import RelationshipKind

MAX_ROWS = 400_000  # customers kept in memory per worker, over all partners
MAX_TERMS = 64  # cached match lists per partner
DENSE_SPAN = 4  # positions in an array over the id range when it is at most this many times the customer count
LOAD_WAIT_SECONDS = 30.0  # a search waits this long at most for a load of its directory already under way
PREPARE_FROM = 5_000  # customers from which opening the list loads the directory ahead of the first search
SEP = "\x00"  # between the searched fields: a term never contains it, so it never matches across fields
_PARAM = {"sqlite": "?", "postgresql": "%s"}  # the drivers' placeholder styles
# Walks the organization name index and probes the partner's pair index (SQLite keeps the CROSS JOIN order):
# no sort of the whole list in memory, which would stay in the worker's memory afterwards.
_LOAD_SQL = (
    "SELECT o.id, r.id, o.name, o.domain, o.contact_email FROM organization AS o "
    "CROSS JOIN relationship AS r WHERE r.client_org_id = o.id "  # (no ON after CROSS JOIN in PostgreSQL)
    "AND r.partner_org_id = ? AND r.kind = ? AND r.status = 'active' ORDER BY o.name, o.id"
)


class _Positions:
    """Organization id -> its index in the directory's name order. A partner's customers mostly have ids close
    together (organizations are numbered as they are created), so the positions are kept in an array over the
    id range, -1 where the organization is not a customer (4 bytes an id: 0.8 MB for 100,000 customers, where a
    dict took 11 MB); when the ids are too spread for that, in a dict. Lookups of many ids run in C either way."""

    def __init__(self, ids: array) -> None:
        self._base = min(ids, default=0)
        self._span = max(ids, default=-1) - self._base + 1
        self._dict: dict[int, int] | None = None
        self._table = array("i")
        if self._span <= DENSE_SPAN * len(ids):
            self._table = array("i", [-1]) * self._span
            for index, org_id in enumerate(ids):
                self._table[org_id - self._base] = index
        else:
            self._dict = dict(zip(ids, range(len(ids)), strict=True))

    def get(self, org_id: int) -> int:
        """The index of this organization, or -1 when it is not one of the partner's customers."""
        if self._dict is not None:
            return self._dict.get(org_id, -1)
        offset = org_id - self._base
        return self._table[offset] if 0 <= offset < self._span else -1

    def of(self, org_ids: Iterable[int]) -> Iterator[int]:
        """The indexes of those of `org_ids` that are the partner's customers (map and filter, no Python loop)."""
        if self._dict is not None:
            return filter((-1).__lt__, map(self._dict.get, org_ids, repeat(-1)))
        offsets = filter(self._span.__gt__, filter((-1).__lt__, map(operator.sub, org_ids, repeat(self._base))))
        return filter((-1).__lt__, map(self._table.__getitem__, offsets))


@dataclass
class _Directory:
    version: int
    ids: array  # customer organization ids, in name order (as the database sorts them)
    rel_ids: array  # their relationship ids (the "customer since" order)
    text: list[str]  # name, domain, contact email, lower-cased, SEP-separated
    position: _Positions  # organization id -> index in `ids`
    matches: OrderedDict[str, array] = field(default_factory=OrderedDict)  # indexes in `ids`, ascending
    lock: threading.Lock = field(default_factory=threading.Lock)

    def find(self, term: str) -> array:
        """Indexes (name order) of the customers whose name, domain or contact email contains `term`."""
        found = self.remembered(term)
        if found is None:
            found = self.remember(term, array("i", [index for index, text in enumerate(self.text) if term in text]))
        return found

    def remembered(self, key: str) -> array | None:
        """A match list kept for this version of the directory (a term's, or an index query's)."""
        with self.lock:
            found = self.matches.get(key)
            if found is not None:
                self.matches.move_to_end(key)
            return found

    def remember(self, key: str, found: array) -> array:
        with self.lock:
            self.matches[key] = found
            while len(self.matches) > MAX_TERMS:
                self.matches.popitem(last=False)
        return found


_CACHE: OrderedDict[tuple, _Directory] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def _version(session: Session, partner_org_id: int, kind: RelationshipKind) -> int | None:
    row = read(
        session,
        "SELECT changes FROM relationship_count WHERE partner_org_id = :p AND kind = :k",
        {"p": partner_org_id, "k": kind.value},
    ).first()
    return None if row is None else int(row[0])


def _load(engine: sa.Engine, partner_org_id: int, kind: RelationshipKind) -> _Directory | None:
    """Read the directory in a session of its own, so it holds committed data only (never a caller's pending
    changes); its version is read before and after the rows and the copy is kept only when the two agree."""
    with Session(engine) as own:
        before = _version(own, partner_org_id, kind)
        ids, rel_ids, text = array("q"), array("q"), []
        cursor = driver_connection(own).cursor()  # no per-row result objects
        try:
            cursor.execute(_LOAD_SQL.replace("?", _PARAM[own.get_bind().dialect.name]), (partner_org_id, kind.value))
            while rows := cursor.fetchmany(5000):
                for org_id, rel_id, name, domain, contact in rows:
                    ids.append(org_id)
                    rel_ids.append(rel_id)
                    text.append(f"{name or ''}{SEP}{domain or ''}{SEP}{contact or ''}".lower())
        finally:
            cursor.close()
        after = _version(own, partner_org_id, kind)
    if before is None or before != after:
        return None
    return _Directory(version=before, ids=ids, rel_ids=rel_ids, text=text, position=_Positions(ids))


def directory(session: Session, partner_org_id: int, kind: RelationshipKind, *, load: bool = True) -> _Directory | None:
    """The partner's directory as `session` sees it, or None: when it has no customers, when the session
    holds changes not yet committed (the cache holds committed data only), or with `load=False` when it is
    not loaded yet (it is then loaded in the background for the next search). One load at a time per partner:
    a search that needs the directory while it is being loaded waits for that load instead of reading a second
    copy beside it (twice the reads, and both copies in memory at once)."""
    version = _version(session, partner_org_id, kind)
    if version is None:
        return None
    engine, key = _cache_key(session, partner_org_id, kind)
    with _CACHE_LOCK:
        found = _CACHE.get(key)
    if found is not None and found.version == version:
        with _CACHE_LOCK:
            _CACHE.move_to_end(key)
        return found
    if not load:
        _load_later(engine, key, partner_org_id, kind)
        return None
    running = _claim_load(key)
    if running is not None:
        # Another thread is loading this directory (the background load an indexed search started): wait for
        # its copy rather than read and hold a second one at the same time.
        running.wait(LOAD_WAIT_SECONDS)
        with _CACHE_LOCK:
            found = _CACHE.get(key)
        if found is None or found.version != version:  # that load failed or read an older version
            found = _load_and_keep(engine, key, partner_org_id, kind)
    else:
        try:
            found = _load_and_keep(engine, key, partner_org_id, kind)
        finally:
            _release_load(key)
    return found if found is not None and found.version == version else None


def prepare(session: Session, partner_org_id: int, kind: RelationshipKind) -> None:
    """Load the partner's directory in the background unless a copy is kept (`_load_later` starts none while
    one is being loaded); called when its customer list opens, so the first search finds it ready. That search
    used to load it: 100,000 customers take about 0.3 s on PostgreSQL and 1.5 s on SQLite, which the search
    waited for, and on a server database, where a worker's service threads run the load, the worker's other tabs
    slowed with it. A kept copy is not checked against the version here (that is a query on every opening); the
    next search checks it, as every search does."""
    engine, key = _cache_key(session, partner_org_id, kind)
    with _CACHE_LOCK:
        if key in _CACHE:
            return
    _load_later(engine, key, partner_org_id, kind)


def _cache_key(session: Session, partner_org_id: int, kind: RelationshipKind) -> tuple[sa.Engine, tuple]:
    """The engine a directory is loaded through and its key in the cache. Loaded through the engine, on a
    connection of its own: never on the caller's (a service process's kept session, `db.keep_session`), which a
    background load would share with a request."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, sa.Engine) else bind.engine
    return engine, (str(engine.url), partner_org_id, kind.value)


def _load_and_keep(engine: sa.Engine, key: tuple, partner_org_id: int, kind: RelationshipKind) -> _Directory | None:
    loaded = _load(engine, partner_org_id, kind)
    if loaded is not None:
        _keep(key, loaded)
    return loaded


def _keep(key: tuple, loaded: _Directory) -> None:
    with _CACHE_LOCK:
        current = _CACHE.get(key)
        if current is None or current.version <= loaded.version:
            _CACHE[key] = loaded
        _CACHE.move_to_end(key)
        while len(_CACHE) > 1 and sum(len(d.ids) for d in _CACHE.values()) > MAX_ROWS:
            _CACHE.popitem(last=False)


_LOADING: dict[tuple, threading.Event] = {}  # directories being loaded, each set when its load ends


def _claim_load(key: tuple) -> threading.Event | None:
    """None when the caller is now the one loading `key` (it calls `_release_load` when done); else the event
    of the load already under way."""
    with _CACHE_LOCK:
        running = _LOADING.get(key)
        if running is None:
            _LOADING[key] = threading.Event()
        return running


def _release_load(key: tuple) -> None:
    with _CACHE_LOCK:
        done = _LOADING.pop(key, None)
    if done is not None:
        done.set()


def _load_later(engine: sa.Engine, key: tuple, partner_org_id: int, kind: RelationshipKind) -> None:
    """Load the directory in a background thread (one load at a time per partner) so the next search has it."""
    if _claim_load(key) is not None:
        return

    def run() -> None:
        try:
            _load_and_keep(engine, key, partner_org_id, kind)
        finally:
            _release_load(key)

    try:
        threading.Thread(target=run, name="customer-directory", daemon=True).start()
    except RuntimeError:  # no thread to be had: give the load back, so a search does not wait for it in vain
        _release_load(key)
        raise


def indexed_page(
    session: Session,
    partner_org_id: int,
    kind: RelationshipKind,
    term_key: str,
    candidates: Callable[[], Sequence[tuple]],
    *,
    sort: str,
    descending: bool,
    after_id: int | None,
    backwards: bool,
    last_page: bool,
    limit: int,
) -> tuple[int, list[int]] | None:
    """Like `search_page`, for a term an index can match: `candidates()` reads the id of every organization
    matching it (any partner's, a 1-tuple each) from the index; they are kept to the partner's customers
    without a Python loop (map, filter and sort run in C) and remembered with the directory under `term_key`,
    so paging through a search, or the same search again, does not read the index again while the partner's
    customers are unchanged. None when the directory is not ready (then the caller uses its SQL plan, and the
    directory is loaded for the next search)."""
    found = directory(session, partner_org_id, kind, load=False)
    if found is None:
        return None
    matches = found.remembered(term_key)
    if matches is None:
        places = found.position.of(chain.from_iterable(candidates()))
        matches = found.remember(term_key, array("i", sorted(places)))
    return _page(
        found,
        matches,
        sort=sort,
        descending=descending,
        after_id=after_id,
        backwards=backwards,
        last_page=last_page,
        limit=limit,
    )


def search_page(
    session: Session,
    partner_org_id: int,
    kind: RelationshipKind,
    term: str,
    *,
    sort: str,
    descending: bool,
    after_id: int | None,
    backwards: bool,
    last_page: bool,
    limit: int,
) -> tuple[int, list[int]] | None:
    """(total, organization ids of one page) of the partner's customers matching `term`; None when the
    directory cannot serve this session (see `directory`: no customers, or pending changes), and the caller
    searches in SQL.

    Pages are keyset: `after_id` is the organization id of the row the page follows (or, `backwards`,
    precedes) in the chosen order."""
    found = directory(session, partner_org_id, kind)
    if found is None:
        return None
    return _page(
        found,
        found.find(term.lower()),
        sort=sort,
        descending=descending,
        after_id=after_id,
        backwards=backwards,
        last_page=last_page,
        limit=limit,
    )


def _page(
    found: _Directory,
    matches: array,
    *,
    sort: str,
    descending: bool,
    after_id: int | None,
    backwards: bool,
    last_page: bool,
    limit: int,
) -> tuple[int, list[int]]:
    total = len(matches)
    order = sorted(matches, key=found.rel_ids.__getitem__) if sort == "since" else matches
    if descending:
        order = order[::-1]
    if last_page:
        size = total - ((total - 1) // limit) * limit if total else 0
        return total, [found.ids[index] for index in order[total - size :]]
    cursor = -1
    place = -1 if after_id is None else found.position.get(after_id)
    if place >= 0:
        try:
            cursor = order.index(place)
        except ValueError:  # not a match of this term: start over
            cursor = -1
    if cursor < 0:
        chosen = [] if backwards else order[:limit]
    elif backwards:
        chosen = order[max(0, cursor - limit) : cursor]
    else:
        chosen = order[cursor + 1 : cursor + 1 + limit]
    return total, [found.ids[index] for index in chosen]
