"""The in-memory customer directory (1–2 character searches; every search on PostgreSQL) is never stale:
a new customer, an ended relationship and a renamed customer show in the very next search."""

from __future__ import annotations

import threading
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from rxapp.models import Organization, OrgKind, Relationship, RelationshipKind, RelationshipStatus
from rxapp.services import customer_directory, customers


def _names(session, actor, term: str) -> list[str]:
    return [row.name for row in customers.list_customers(session, actor, search=term, limit=100).rows]


def _customer(session: Session, partner_org_id: int, name: str) -> Relationship:
    org = Organization(kind=OrgKind.CUSTOMER, name=name, country="KR", domain=f"{name.lower()}.example")
    session.add(org)
    session.flush()
    rel = Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=partner_org_id, client_org_id=org.id)
    session.add(rel)
    session.commit()
    return rel


def test_searches_follow_every_change_at_once(session, actor):
    contoso = actor("admin@contoso.example")
    first = _customer(session, contoso.org_id, "Qzalpha")
    assert _names(session, contoso, "qz") == ["Qzalpha"]

    second = _customer(session, contoso.org_id, "Qzbeta")
    assert _names(session, contoso, "qz") == ["Qzalpha", "Qzbeta"]

    first.status = RelationshipStatus.ENDED
    session.add(first)
    session.commit()
    assert _names(session, contoso, "qz") == ["Qzbeta"]

    org = session.get(Organization, second.client_org_id)
    org.name = "Renamed"
    session.add(org)
    session.commit()
    assert _names(session, contoso, "qz") == ["Renamed"]  # still matches by its domain qzbeta.example
    org.domain = "renamed.example"
    session.add(org)
    session.commit()
    assert _names(session, contoso, "qz") == []
    assert _names(session, contoso, "Re") == ["Renamed"]


def test_another_partners_customers_never_show(session, actor):
    contoso = actor("admin@contoso.example")
    other = session.exec(
        select(Organization).where(Organization.kind == OrgKind.RESELLER, Organization.id != contoso.org_id)
    ).first()
    if other is None:
        other = Organization(kind=OrgKind.RESELLER, name="Other Reseller", country="KR")
        session.add(other)
        session.commit()
    _customer(session, other.id, "Qzother")
    _customer(session, contoso.org_id, "Qzmine")
    assert _names(session, contoso, "qz") == ["Qzmine"]


def test_memory_is_bounded(session, actor, monkeypatch):
    contoso = actor("admin@contoso.example")
    _customer(session, contoso.org_id, "Qzone")
    monkeypatch.setattr(customer_directory, "MAX_TERMS", 3)
    for term in ("q", "qz", "z", "o", "n"):
        _names(session, contoso, term)
    found = customer_directory.directory(session, contoso.org_id, RelationshipKind.RESELLER_CUSTOMER)
    assert found is not None
    assert len(found.matches) <= 3


def test_a_search_waits_for_the_load_under_way_instead_of_reading_a_second_copy(session, actor, monkeypatch):
    """An indexed search starts the directory's load in the background; a 1–2 character search that comes while
    that load runs waits for it and gets the same copy: one read of the partner's customers, one copy held."""
    contoso = actor("admin@contoso.example")
    _customer(session, contoso.org_id, "Qzalpha")
    kind = RelationshipKind.RESELLER_CUSTOMER
    monkeypatch.setattr(customer_directory, "_CACHE", customer_directory.OrderedDict())
    real_load = customer_directory._load
    loads: list[int] = []
    release = threading.Event()

    def slow_load(engine, partner_org_id, kind):
        loads.append(partner_org_id)
        release.wait(10)  # held until the second search is waiting
        return real_load(engine, partner_org_id, kind)

    monkeypatch.setattr(customer_directory, "_load", slow_load)
    assert customer_directory.directory(session, contoso.org_id, kind, load=False) is None  # starts the load
    got: list = []
    waiting = threading.Thread(target=lambda: got.append(customer_directory.directory(session, contoso.org_id, kind)))
    waiting.start()
    waiting.join(0.3)
    assert waiting.is_alive(), "the search must wait for the load under way"
    release.set()
    waiting.join(10)
    assert loads == [contoso.org_id]
    assert len(got) == 1
    assert got[0] is not None
    assert got[0] is customer_directory._CACHE[next(iter(customer_directory._CACHE))]
    assert customer_directory._LOADING == {}


def test_a_background_load_that_cannot_start_leaves_no_load_to_wait_for(session, actor, monkeypatch):
    contoso = actor("admin@contoso.example")
    _customer(session, contoso.org_id, "Qzalpha")
    monkeypatch.setattr(customer_directory, "_CACHE", customer_directory.OrderedDict())

    def no_thread(_self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    with pytest.raises(RuntimeError):
        customer_directory.directory(session, contoso.org_id, RelationshipKind.RESELLER_CUSTOMER, load=False)
    assert customer_directory._LOADING == {}


@settings(max_examples=300, derandomize=True)
@given(
    ids=st.one_of(
        st.lists(st.integers(min_value=1, max_value=2_000_000), unique=True, max_size=60),  # spread: a dict
        st.integers(min_value=1, max_value=2_000_000).flatmap(  # close together: the array
            lambda base: st.lists(st.integers(min_value=base, max_value=base + 150), unique=True, max_size=60)
        ),
    ),
    asked=st.lists(st.integers(min_value=-5, max_value=2_000_005), max_size=40),
)
def test_positions_answer_as_a_dict_would(ids, asked):
    """Positions of a partner's customers (dense ids in an array, spread ones in a dict) give exactly what
    `{org_id: index}` gives, for customers, for other organizations inside and outside the id range."""
    reference = {org_id: index for index, org_id in enumerate(ids)}
    positions = customer_directory._Positions(array("q", ids))
    probes = [*asked, *ids, *(i + 1 for i in ids), *(i - 1 for i in ids)]
    assert [positions.get(org_id) for org_id in probes] == [reference.get(org_id, -1) for org_id in probes]
    assert list(positions.of(probes)) == [reference[o] for o in probes if o in reference]


def test_dense_ids_take_an_array_and_spread_ones_a_dict():
    dense = customer_directory._Positions(array("q", [1005, 1001, 1003]))
    spread = customer_directory._Positions(array("q", [7, 900_000]))
    assert dense._dict is None
    assert len(dense._table) == 5
    assert spread._dict == {7: 0, 900_000: 1}


def _count_loads(monkeypatch) -> list[int]:
    """Every load of a directory from now on (the cache emptied first), by partner."""
    monkeypatch.setattr(customer_directory, "_CACHE", customer_directory.OrderedDict())
    real_load = customer_directory._load
    loads: list[int] = []

    def counted(engine, partner_org_id, kind):
        loads.append(partner_org_id)
        return real_load(engine, partner_org_id, kind)

    monkeypatch.setattr(customer_directory, "_load", counted)
    return loads


def _wait_for_loads() -> None:
    for thread in threading.enumerate():
        if thread.name == "customer-directory":
            thread.join(10)


def test_opening_a_large_list_loads_its_directory_before_the_first_search(session, actor, monkeypatch):
    """The list's first page starts the load in the background; the first search then finds the copy ready
    (no load of its own), and opening the list again does not load it again."""
    contoso = actor("admin@contoso.example")
    _customer(session, contoso.org_id, "Qzalpha")
    loads = _count_loads(monkeypatch)
    monkeypatch.setattr(customer_directory, "PREPARE_FROM", 1)

    customers.list_customers(session, contoso)
    _wait_for_loads()
    assert loads == [contoso.org_id]
    assert _names(session, contoso, "qz") == ["Qzalpha"]
    customers.list_customers(session, contoso)
    _wait_for_loads()
    assert loads == [contoso.org_id]


def test_small_lists_later_pages_and_loads_under_way_start_no_load(session, actor, monkeypatch):
    contoso = actor("admin@contoso.example")
    _customer(session, contoso.org_id, "Qzalpha")
    _customer(session, contoso.org_id, "Qzbeta")
    loads = _count_loads(monkeypatch)
    kind = RelationshipKind.RESELLER_CUSTOMER

    first = customers.list_customers(session, contoso, limit=1)  # fewer than PREPARE_FROM: the search loads it
    monkeypatch.setattr(customer_directory, "PREPARE_FROM", 1)
    customers.list_customers(session, contoso, limit=1, after=first.last)  # a later page
    customers.list_customers(session, contoso, limit=1, last_page=True)
    _, key = customer_directory._cache_key(session, contoso.org_id, kind)
    assert customer_directory._claim_load(key) is None  # now a load is under way
    customer_directory.prepare(session, contoso.org_id, kind)
    customers.list_customers(session, contoso, limit=1)
    customer_directory._release_load(key)
    _wait_for_loads()
    assert loads == []
