"""The registry's CSV import through the guarded upload endpoint: platform staff's upload is read and reported;
a request without a signed-in tab is refused with a clear message before its body is read."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import RegistryPage, sign_in

pytestmark = pytest.mark.e2e

HANDLER = (
    "reflex___state____state.rxapp___state___base____app_state."
    "rxapp___state___platform_enrollment____registry_state.import_csv"
)


def test_staff_csv_import_passes_the_guard_and_is_reported(page, data, tmp_path):
    staff, reseller = data.platform(), data.reseller(helpdesk=False)
    csv = tmp_path / "profiles.csv"
    csv.write_text(f"mpn_id,name,country\n{reseller.mpn_id},{data.name('Duplicate')},KR\n")
    sign_in(page, staff.admin)
    registry = RegistryPage(page).open()
    registry.import_csv(str(csv))
    expect(page.get_by_text("0 of 1 rows imported.")).to_be_visible()  # read and checked (the MPN ID exists)


def test_an_upload_without_a_signed_in_tab_is_refused_unread(page, app_url):
    response = page.request.post(
        f"{app_url}/_upload",
        multipart={"files": {"name": "x.csv", "mimeType": "text/csv", "buffer": b"mpn_id,name,country\n"}},
        headers={"reflex-client-token": "no-such-tab", "reflex-event-handler": HANDLER},
    )
    assert response.status == 401
    assert response.json()["detail"] == "Your session has ended. Sign in again."
    assert response.headers["x-frame-options"] == "DENY"
    other = page.request.post(
        f"{app_url}/_upload",
        multipart={"files": {"name": "x.csv", "mimeType": "text/csv", "buffer": b"x"}},
        headers={"reflex-client-token": "no-such-tab", "reflex-event-handler": "anything.else"},
    )
    assert other.status == 400
    assert other.json()["detail"] == "This upload is not accepted here."
