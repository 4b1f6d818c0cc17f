"""The customer list's searched pages (one statement: total + page from one pass over the matches; or the
partner's in-memory directory) agree with a plain reference computed in Python, for every plan, both sorts and
directions, every way of paging, with and without the trigram index."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from rxapp.db import create_all, make_engine
from rxapp.models import Organization, OrgKind, Relationship, RelationshipKind, RelationshipStatus, User
from rxapp.services import customer_directory, customers
from rxapp.services.auth import actor_for
from rxapp.services.customers import search_sql
from rxapp.services.demo import load_demo_data
from rxapp.services.search_index import has_search_index, install_search_index

NAMES = [
    "Harbor Foods",
    "harbor labs",
    "Blue Harbor",
    "Falcon Robotics",
    "Falcon Foods",
    "Ro Studio",
    "Green Valley",
    "Iron Forge",
    "Harbour Media",
    "Quiet Harbor Travel",
]


def _world(tmp_path, *, fts: bool):
    engine = make_engine(f"sqlite:///{tmp_path}/search.db")
    create_all(engine)
    if fts:
        with engine.begin() as conn:
            install_search_index(conn)
    with Session(engine) as session:
        load_demo_data(session)
        user = session.exec(select(User).where(User.email == "admin@contoso.example")).one()
        contoso = session.get(Organization, user.org_id)
        other = session.exec(
            select(Organization).where(Organization.kind == OrgKind.RESELLER, Organization.id != contoso.id)
        ).first()
        for i in range(60):
            name = f"{NAMES[i % len(NAMES)]} {i:03d}"
            o = Organization(
                kind=OrgKind.CUSTOMER,
                name=name,
                country="KR",
                domain=f"d{i}.example",
                contact_email=f"it@ro{i}.example",
            )
            session.add(o)
            session.flush()
            if i % 3:  # two in three are Contoso's; the rest belong to another reseller
                session.add(
                    Relationship(
                        kind=RelationshipKind.RESELLER_CUSTOMER,
                        partner_org_id=contoso.id,
                        client_org_id=o.id,
                        status=RelationshipStatus.ENDED if i % 11 == 0 else RelationshipStatus.ACTIVE,
                    )
                )
            elif other is not None:
                session.add(
                    Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=other.id, client_org_id=o.id)
                )
        session.commit()
    return engine


def _reference(session: Session, actor, term: str, sort: str, descending: bool) -> list[str]:
    """Every matching customer in list order, computed naively."""
    rows = session.exec(
        select(Organization, Relationship)
        .join(Relationship, Relationship.client_org_id == Organization.id)
        .where(
            Relationship.partner_org_id == actor.org_id,
            Relationship.status == RelationshipStatus.ACTIVE,
            Relationship.kind == RelationshipKind.RESELLER_CUSTOMER,
        )
    ).all()
    needle = term.lower()
    found = [
        (o, r)
        for o, r in rows
        if not needle or any(needle in (v or "").lower() for v in (o.name, o.domain, o.contact_email))
    ]
    key = (lambda x: x[1].id) if sort == "since" else (lambda x: (x[0].name, x[0].id))
    return [o.name for o, _ in sorted(found, key=key, reverse=descending)]


@pytest.mark.parametrize("fts", [True, False])
@pytest.mark.parametrize("small_list", [3000, 4])
@pytest.mark.parametrize("directory", ["sql", "in memory"])
def test_searched_pages_match_reference(tmp_path, monkeypatch, fts, small_list, directory):
    """Trigram searches run in SQL, or through the partner's in-memory directory once it is loaded; other
    searches always through the directory. Every plan gives the reference's pages."""
    monkeypatch.setattr(search_sql, "SMALL_LIST", small_list)
    engine = _world(tmp_path, fts=fts)
    with Session(engine) as session:
        user = session.exec(select(User).where(User.email == "admin@contoso.example")).one()
        contoso = actor_for(user, session.get(Organization, user.org_id))
        if directory == "sql":
            monkeypatch.setattr(customer_directory, "indexed_page", lambda *args, **kwargs: None)
        else:
            assert customer_directory.directory(session, contoso.org_id, RelationshipKind.RESELLER_CUSTOMER)
        for term in ("harbor", "HARBOR 0", "falcon robotics", "ro", "r", "it@ro1", "nothing here", ""):
            for sort, descending in (("name", False), ("name", True), ("since", True), ("since", False)):
                expected = _reference(session, contoso, term, sort, descending)
                args = {"search": term, "sort": sort, "descending": descending, "limit": 4}
                page = customers.list_customers(session, contoso, **args)
                assert page.total == len(expected), (term, sort, descending)
                seen = [r.name for r in page.rows]
                while page.last is not None and len(seen) < len(expected):
                    page = customers.list_customers(session, contoso, after=page.last, **args)
                    assert page.total == len(expected)
                    seen += [r.name for r in page.rows]
                assert seen == expected, (term, sort, descending)
                last = customers.list_customers(session, contoso, last_page=True, **args)
                tail = len(expected) - ((len(expected) - 1) // 4) * 4 if expected else 0
                assert [r.name for r in last.rows] == expected[len(expected) - tail :]
                if last.first is not None and len(expected) > 4:
                    back = customers.list_customers(session, contoso, before=last.first, **args)
                    start = len(expected) - tail - 4
                    assert [r.name for r in back.rows] == expected[start : start + 4]
                if page.last is not None:  # past the end: no rows, the total still given
                    beyond = customers.list_customers(session, contoso, after=page.last, **args)
                    assert beyond.rows == []
                    assert beyond.total == len(expected)
    engine.dispose()


def test_an_indexed_search_reads_the_index_once_until_the_customers_change(tmp_path, monkeypatch):
    """Paging through a trigram search, or the same search again, reuses the match list kept with the
    partner's directory; a new or renamed customer makes the next search read the index again."""
    engine = _world(tmp_path, fts=True)
    reads: list[str] = []
    original = customer_directory.indexed_page

    def counting(session_, partner, kind, key, candidates, **kwargs):
        def read():
            reads.append(key)
            return candidates()

        return original(session_, partner, kind, key, read, **kwargs)

    monkeypatch.setattr(customer_directory, "indexed_page", counting)
    with Session(engine) as session:
        user = session.exec(select(User).where(User.email == "admin@contoso.example")).one()
        contoso = actor_for(user, session.get(Organization, user.org_id))
        assert customer_directory.directory(session, contoso.org_id, RelationshipKind.RESELLER_CUSTOMER)

        def names(term: str, **paging) -> list[str]:
            return [row.name for row in customers.list_customers(session, contoso, search=term, limit=3, **paging).rows]

        first = names("harbor")
        expected = _reference(session, contoso, "harbor", "name", False)
        assert first == expected[:3]
        page = customers.list_customers(session, contoso, search="harbor", limit=3)
        assert [
            row.name
            for row in customers.list_customers(session, contoso, search="harbor", limit=3, after=page.last).rows
        ] == expected[3:6]
        assert len(reads) == 1  # one index read for the two searches and the next page

        org = Organization(kind=OrgKind.CUSTOMER, name="Aaa Harbor New", country="KR", domain="new.example")
        session.add(org)
        session.flush()
        session.add(
            Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=contoso.org_id, client_org_id=org.id)
        )
        session.commit()
        assert names("harbor")[0] == "Aaa Harbor New"  # at once (through SQL while the directory reloads)
        assert customer_directory.directory(session, contoso.org_id, RelationshipKind.RESELLER_CUSTOMER)
        assert names("harbor")[0] == "Aaa Harbor New"
        assert len(reads) == 2
        org.name = "Aaa Elsewhere"
        session.add(org)
        session.commit()
        assert names("harbor") == expected[:3]
        assert customer_directory.directory(session, contoso.org_id, RelationshipKind.RESELLER_CUSTOMER)
        assert names("harbor") == expected[:3]
        assert len(reads) == 3


def test_the_index_is_looked_up_once_per_database(tmp_path):
    plain, indexed = (make_engine(f"sqlite:///{tmp_path / name}") for name in ("plain.db", "indexed.db"))
    create_all(plain)
    create_all(indexed)
    with indexed.begin() as conn:
        install_search_index(conn)
    lookups = []
    for engine in (plain, indexed):
        event.listen(engine, "before_cursor_execute", lambda *args: lookups.append(args[2]))
    with Session(plain) as session:
        assert not has_search_index(session)
        assert not has_search_index(session)  # asked again: the index may have been installed since
    with Session(indexed) as session:
        assert has_search_index(session)
        assert has_search_index(session)
    assert sum("sqlite_master" in statement for statement in lookups) == 3
    plain.dispose()
    indexed.dispose()


def test_autogenerate_leaves_the_search_index_alone(tmp_path):
    """The trigram index and its shadow tables are made by a migration, not declared by a model: with the
    app's schema plugins (`rxapp.schema_plugins`, imported by the app module), `reflex db makemigrations`
    proposes no change for them, where alembic alone would propose dropping every one."""
    from alembic.autogenerate import produce_migrations
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    engine = make_engine(f"sqlite:///{tmp_path / 'schema.db'}")
    create_all(engine)
    with engine.begin() as conn:
        install_search_index(conn)
    import rxapp.schema_plugins  # noqa: F401

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"target_metadata": SQLModel.metadata})
        assert produce_migrations(context, SQLModel.metadata).upgrade_ops.ops == []
    engine.dispose()
