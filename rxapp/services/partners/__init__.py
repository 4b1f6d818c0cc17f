"""Indirect providers and indirect resellers (SPEC section 4), one module per job; callers keep writing
`partners.invite_reseller(...)`.

- `common`: the partnership's kind, link purpose and limits, who partnership emails go to;
- `directory`: the provider directory and who is published in it;
- `invites`: a provider's authorization links to resellers (send, resend, revoke, list);
- `authorization`: the reseller's side of a link (view, authorize, decline) - the rule for who may authorize
  a provider lives here (`authorize_provider`);
- `partnerships`: either side's partnerships and ending one.

No Reflex here.
"""

from rxapp.services.partners.authorization import (
    AuthorizationView,
    authorize_provider,
    decline_authorization,
    view_authorization,
)
from rxapp.services.partners.common import KIND, PURPOSE
from rxapp.services.partners.directory import (
    DirectoryEntry,
    directory_countries,
    list_directory,
    list_directory_admin,
    set_directory_published,
)
from rxapp.services.partners.invites import (
    Invitation,
    invite_reseller,
    list_invitations,
    resend_invitation,
    revoke_invitation,
)
from rxapp.services.partners.partnerships import Partnership, end_partnership, list_partnerships

__all__ = [
    "KIND",
    "PURPOSE",
    "AuthorizationView",
    "DirectoryEntry",
    "Invitation",
    "Partnership",
    "authorize_provider",
    "decline_authorization",
    "directory_countries",
    "end_partnership",
    "invite_reseller",
    "list_directory",
    "list_directory_admin",
    "list_invitations",
    "list_partnerships",
    "resend_invitation",
    "revoke_invitation",
    "set_directory_published",
    "view_authorization",
]
