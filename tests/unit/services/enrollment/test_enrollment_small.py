"""Issue 13, point 10 (enrollment): step 8 starts from the chosen PMC profile and what the account holds;
status and review pages get country names and addresses without stray separators."""

from __future__ import annotations

import pytest

from rxapp.services import enrollment as svc
from tests.unit.services.enrollment.steps import actor, run, submitted, to_draft


def test_details_start_from_the_pmc_profile_and_the_account(engine):
    who = actor(engine, "admin@northwind.example")
    draft, _ = to_draft(engine, who, mpn="6000001")
    defaults = run(engine, lambda s: svc.draft_defaults(s, who, enrollment_id=draft))
    assert defaults["details"]["legal_name"] == "Northwind Traders Korea", "the chosen PMC profile's name"
    assert defaults["details"]["contact_email"] == "admin@northwind.example"
    assert set(defaults["details"]) == set(svc.DETAIL_NAMES)


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        (("2 Gangnam-daero", "", "Seoul", "", "06000"), "2 Gangnam-daero, Seoul 06000"),
        (
            ("2 Gangnam-daero", "Suite 5", "Seoul", "Gangnam-gu", "06000"),
            "2 Gangnam-daero, Suite 5, Seoul Gangnam-gu 06000",
        ),
        (("2 Gangnam-daero ", None, " Seoul", None, ""), "2 Gangnam-daero, Seoul"),
    ],
)
def test_addresses_have_no_stray_separators(parts, text):
    assert svc.address_text(*parts) == text
    assert svc.joined("a@x.example", "", None) == "a@x.example", "no trailing ' · '"


def test_the_review_queue_names_the_country(engine):
    submitted(engine)
    who = actor(engine, "ops@platform.example")
    rows, _ = run(engine, lambda s: svc.list_for_review(s, who, status="all"))
    row = next(r for r in rows if r["country"] == "KR")
    assert (row["country_en"], row["country_ko"]) == ("South Korea", "대한민국"), "CLDR, in each UI language"
    assert " ," not in row["address"]
    assert not row["support"].endswith(" · ")


def test_a_pmc_sign_in_vouches_for_thirty_wall_clock_minutes():
    """The proof is a wall-clock stamp, so a wizard served by another worker judges its age the same way."""
    stamp = 1_800_000_000.0
    assert svc.pmc_proof_fresh(stamp, now=stamp + svc.PMC_PROOF_SECONDS)
    assert not svc.pmc_proof_fresh(stamp, now=stamp + svc.PMC_PROOF_SECONDS + 1)
    assert not svc.pmc_proof_fresh(0.0, now=stamp), "no sign-in, no proof"
    assert not svc.pmc_proof_fresh(stamp, now=stamp - 60), "a stamp from the future is not trusted"
    assert svc.pmc_proof_fresh(svc.pmc_proof_stamp())
