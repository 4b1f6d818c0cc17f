"""The kept counts (`relationship_count`, `audit_count`, maintained by triggers) always equal a recount, also
when several threads add, end, reactivate and delete relationships at once, on SQLite and on PostgreSQL; the
Customers list and the audit log read their totals there."""

from __future__ import annotations

import random
import threading

import sqlalchemy as sa
from sqlmodel import Session, select

from rxapp.db import create_all, make_engine
from rxapp.models import (
    AuditCount,
    Organization,
    OrgKind,
    Relationship,
    RelationshipCount,
    RelationshipKind,
    RelationshipStatus,
)
from rxapp.models.relationships import install_relationship_counting
from rxapp.services import audit, customers
from tests.unit.scratch_postgres import scratch_database

KINDS = (RelationshipKind.RESELLER_CUSTOMER, RelationshipKind.PROVIDER_CUSTOMER)


def _kept(session: Session) -> dict[tuple[int, str], int]:
    return {
        (row.partner_org_id, row.kind.value): row.active
        for row in session.exec(select(RelationshipCount))
        if row.active
    }


def _recount(session: Session) -> dict[tuple[int, str], int]:
    rows = session.execute(
        sa.text(
            "SELECT partner_org_id, kind, count(*) FROM relationship WHERE status = 'active' "
            "GROUP BY partner_org_id, kind"
        )
    ).all()
    return {(partner, kind): n for partner, kind, n in rows}


def _world(engine, partners: int = 3, clients: int = 40) -> tuple[list[int], list[int]]:
    with Session(engine) as session:
        partner_orgs = [Organization(kind=OrgKind.RESELLER, name=f"Partner {i}", country="KR") for i in range(partners)]
        client_orgs = [Organization(kind=OrgKind.CUSTOMER, name=f"Client {i}", country="KR") for i in range(clients)]
        session.add_all(partner_orgs + client_orgs)
        session.commit()
        return [o.id for o in partner_orgs], [o.id for o in client_orgs]


def _churn(engine, partner_ids: list[int], client_ids: list[int], seed: int, steps: int) -> None:
    """Random adds, ends, reactivations and deletes, each in its own transaction (conflicts are retried by
    simply moving on: the unique pair index refuses a second active relationship)."""
    rng = random.Random(seed)
    for _ in range(steps):
        with Session(engine) as session:
            try:
                partner, client = rng.choice(partner_ids), rng.choice(client_ids)
                kind = rng.choice(KINDS)
                existing = session.exec(
                    select(Relationship).where(
                        Relationship.partner_org_id == partner, Relationship.client_org_id == client
                    )
                ).all()
                action = rng.random()
                if not existing or action < 0.4:
                    session.add(Relationship(kind=kind, partner_org_id=partner, client_org_id=client))
                else:
                    row = rng.choice(existing)
                    if action < 0.65:
                        row.status = RelationshipStatus.ENDED
                    elif action < 0.85:
                        row.status = RelationshipStatus.ACTIVE
                    else:
                        session.delete(row)
                        session.commit()
                        continue
                    session.add(row)
                session.commit()
            except sa.exc.DBAPIError:
                session.rollback()


def _run_threads(engine, partner_ids, client_ids, threads: int = 6, steps: int = 60) -> None:
    workers = [
        threading.Thread(target=_churn, args=(engine, partner_ids, client_ids, seed, steps)) for seed in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def test_counts_stay_exact_under_concurrent_changes_on_sqlite(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'counts.db'}")
    create_all(engine)
    partner_ids, client_ids = _world(engine)
    _run_threads(engine, partner_ids, client_ids)
    with Session(engine) as session:
        assert _recount(session), "the churn made some relationships"
        assert _kept(session) == _recount(session)
    engine.dispose()


def test_counts_stay_exact_under_concurrent_changes_on_postgresql():
    with scratch_database("counts") as url:
        engine = make_engine(url)
        create_all(engine)
        partner_ids, client_ids = _world(engine)
        _run_threads(engine, partner_ids, client_ids)
        with Session(engine) as session:
            assert _recount(session)
            assert _kept(session) == _recount(session)
        engine.dispose()


def test_installing_on_a_database_with_relationships_recounts(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    create_all(engine)
    partner_ids, client_ids = _world(engine, partners=1, clients=5)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER relationship_count_ai")
        for client in client_ids:  # rows written while no trigger counted them
            connection.exec_driver_sql(
                "INSERT INTO relationship (kind, partner_org_id, client_org_id, status, started_at) "
                "VALUES ('reseller_customer', ?, ?, 'active', '2026-01-01 00:00:00')",
                (partner_ids[0], client),
            )
    with Session(engine) as session:
        assert _kept(session) == {}
    with engine.begin() as connection:
        install_relationship_counting(connection)
    with Session(engine) as session:
        assert _kept(session) == {(partner_ids[0], "reseller_customer"): 5}
    engine.dispose()


def test_the_customer_list_total_is_the_kept_count(session, actor):
    contoso = actor("admin@contoso.example")
    adatum = session.exec(select(Organization).where(Organization.name == "Adatum Corporation")).one()
    session.add(
        Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=contoso.org_id, client_org_id=adatum.id)
    )
    session.commit()
    page = customers.list_customers(session, contoso)
    assert page.total == _recount(session)[(contoso.org_id, "reseller_customer")] >= 1
    # The total comes from the kept row: change it behind the triggers' back and the list follows.
    session.execute(
        sa.text(
            "UPDATE relationship_count SET active = active + 1000 WHERE partner_org_id = :p "
            "AND kind = 'reseller_customer'"
        ),
        {"p": contoso.org_id},
    )
    assert customers.list_customers(session, contoso).total == page.total + 1000
    # A search still counts its matches.
    assert customers.list_customers(session, contoso, search="Adatum").total <= page.total


def test_the_audit_log_total_is_kept_for_each_organization(session, actor):
    contoso = actor("admin@contoso.example")
    for i in range(7):
        audit.record(session, action="test.kept", actor=contoso, detail=str(i))
    audit.record(session, action="test.anonymous", org_id=None)  # no organization: not counted anywhere
    session.commit()
    counted = dict(
        session.execute(
            sa.text("SELECT org_id, count(*) FROM auditevent WHERE org_id IS NOT NULL GROUP BY org_id")
        ).all()
    )
    kept = {row.org_id: row.entries for row in session.exec(select(AuditCount))}
    assert kept == counted
    _rows, total = audit.list_events(session, contoso)
    assert total == counted[contoso.org_id]
    # Filtered views still count their matches.
    _rows, filtered = audit.list_events(session, contoso, filters=audit.AuditFilter(action="test.kept"))
    assert filtered == 7
