"""The shapes of the rows the states send to the pages (`list[XRow]` state vars).

Each is a `TypedDict`: a plain dict at run time (the wire format and the cost of an event are those of a dict),
while the pages get typed Vars for its fields (`row["name"]` is a StringVar inside `rx.foreach`) and Reflex
refuses, when it compiles a page, a field the row does not declare. `total=False` marks the rows built through
`compact` (`rows/common.py`), which drops empty fields (an absent field means empty to the page).

Maps whose keys are data rather than a fixed shape (a form's values by field name, a country's name by UI
language, an application's details by detail name) stay `dict[str, str]`.

One module per area; every shape is importable from here (`from rxapp.state.rows import UserRow`).
"""

from __future__ import annotations

from rxapp.state.rows.accounts import PartnerOrgRow, UserRow
from rxapp.state.rows.activity import AuditRow, InvitationRow
from rxapp.state.rows.api_access import ApiClientRow, WebhookDeliveryRow, WebhookEndpointRow
from rxapp.state.rows.common import (
    CountryColumns,
    IdName,
    MarketingFields,
    compact,
    country_fields,
    marketing_fields,
)
from rxapp.state.rows.customers import (
    CustomerDetail,
    CustomerPartnerRow,
    CustomerResellerRow,
    CustomerRow,
    CustomerSubscriptionRow,
    CustomerUserRow,
    EndedPartnerRow,
    RelationshipRow,
)
from rxapp.state.rows.leads import EarningRow, LeadRow, ProgramRow, ResellerMatch
from rxapp.state.rows.operations import (
    AssignedLicense,
    ChargeRow,
    HealthRow,
    LicenseConfirm,
    LicenseOption,
    LicenseUserRow,
    MailRow,
    OrderOption,
    OrderRow,
    SubscriptionRow,
    TicketDetail,
    TicketMessage,
    TicketRow,
    TicketSubscription,
    TodoRow,
)
from rxapp.state.rows.partners import (
    AuthorizationViewRow,
    CountryChoice,
    DirectoryRow,
    PartnerInvitationRow,
    PartnershipRow,
)
from rxapp.state.rows.platform import ImportReportRow, PmcAccountRow, ProfileChoice, RegistryProfileRow

__all__ = [
    "ApiClientRow",
    "AssignedLicense",
    "AuditRow",
    "AuthorizationViewRow",
    "ChargeRow",
    "CountryChoice",
    "CountryColumns",
    "CustomerDetail",
    "CustomerPartnerRow",
    "CustomerResellerRow",
    "CustomerRow",
    "CustomerSubscriptionRow",
    "CustomerUserRow",
    "DirectoryRow",
    "EarningRow",
    "EndedPartnerRow",
    "HealthRow",
    "IdName",
    "ImportReportRow",
    "InvitationRow",
    "LeadRow",
    "LicenseConfirm",
    "LicenseOption",
    "LicenseUserRow",
    "MailRow",
    "MarketingFields",
    "OrderOption",
    "OrderRow",
    "PartnerInvitationRow",
    "PartnerOrgRow",
    "PartnershipRow",
    "PmcAccountRow",
    "ProfileChoice",
    "ProgramRow",
    "RegistryProfileRow",
    "RelationshipRow",
    "ResellerMatch",
    "SubscriptionRow",
    "TicketDetail",
    "TicketMessage",
    "TicketRow",
    "TicketSubscription",
    "TodoRow",
    "UserRow",
    "WebhookDeliveryRow",
    "WebhookEndpointRow",
    "compact",
    "country_fields",
    "marketing_fields",
]
