"""Emailed links: hashed, expiring, single use even under concurrent use, voided when re-sent."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from rxapp.errors import LinkInvalid
from rxapp.models import Link, LinkPurpose, LinkStatus, utcnow
from rxapp.services import links

PURPOSE = LinkPurpose.CUSTOMER_RELATIONSHIP


def _issue(session, **fields):
    link, token = links.issue_link(session, purpose=PURPOSE, target_email="a@adatum.example", **fields)
    session.commit()
    return link, token


def test_token_is_long_random_and_stored_only_hashed(session):
    link, token = _issue(session)
    assert len(token) >= 43
    assert token not in link.token_hash
    assert link.token_hash == links.hash_token(token)
    assert links.link_url(PURPOSE, token).endswith(f"/accept/{token}")
    assert links.find_link(session, token, purposes={PURPOSE}).id == link.id


def test_unknown_wrong_purpose_expired_and_revoked_links_say_why(session):
    with pytest.raises(LinkInvalid, match="link.not_found"):
        links.find_link(session, "nonsense", purposes={PURPOSE})
    _, token = _issue(session)
    with pytest.raises(LinkInvalid, match="link.not_found"):
        links.find_link(session, token, purposes={LinkPurpose.RESELLER_AUTHORIZATION})
    link, token = _issue(session)
    link.expires_at = utcnow() - timedelta(seconds=1)
    session.add(link)
    session.commit()
    with pytest.raises(LinkInvalid, match="link.expired"):
        links.find_link(session, token, purposes={PURPOSE})
    _, token = _issue(session, target_org_id=None)
    assert links.revoke_pending(session, target_email="a@adatum.example") >= 1
    session.commit()
    with pytest.raises(LinkInvalid, match="link.revoked"):
        links.find_link(session, token, purposes={PURPOSE})


def test_a_link_settles_once(session):
    link, token = _issue(session)
    links.settle_link(session, link, status=LinkStatus.ACCEPTED)
    session.commit()
    with pytest.raises(LinkInvalid, match="link.used"):
        links.settle_link(session, link, status=LinkStatus.ACCEPTED)
    with pytest.raises(LinkInvalid, match="link.used"):
        links.find_link(session, token, purposes={PURPOSE})


def test_concurrent_use_of_one_link_succeeds_exactly_once(engine, session):
    link, _ = _issue(session)
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def use() -> None:
        with Session(engine) as own:
            row = own.get(Link, link.id)
            barrier.wait()
            try:
                links.settle_link(own, row, status=LinkStatus.ACCEPTED)
                own.commit()
                outcomes.append("ok")
            except LinkInvalid:
                own.rollback()
                outcomes.append("refused")

    threads = [threading.Thread(target=use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused", "refused", "refused"]
    session.expire_all()
    assert session.exec(select(Link).where(Link.id == link.id)).one().status == LinkStatus.ACCEPTED
