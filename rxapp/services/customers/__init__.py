"""Customers (SPEC section 5), one module per job; callers keep writing `customers.list_customers(...)`.

- `search_sql`: the list's SQL (query shape, cursors, the statements and the indexes they walk);
- `listing`: the partner's customer list (one page, its total and cursors) and the lists its filters offer;
- `export`: the filtered list as CSV;
- `details`: one customer seen by its partner, and its users administered with delegated admin privileges;
- `linking`: the customer link lifecycle (issue, open, accept, decline);
- `delegated_admin_requests`: asking a customer for delegated admin privileges (a link `linking` settles);
- `signup`: a new customer organization from a link, and the confirmation of its claimed domain;
- `own_partners`: the customer's own Partners page (its resellers and providers, removals).

The relationship and delegated admin checks themselves live in `rxapp.services.relationships`. No Reflex here.
"""

from rxapp.services.customers.delegated_admin_requests import (
    DA_MAX_DAYS,
    DA_MIN_DAYS,
    delegated_admin_days,
    request_delegated_admin,
)
from rxapp.services.customers.details import (
    CustomerDetail,
    CustomerSubscriptionLine,
    CustomerUserEntry,
    PartnerOfRecord,
    add_customer_user,
    customer_detail,
    list_customer_users,
)
from rxapp.services.customers.export import EXPORT_HEADER, export_customers_csv, neutralize_cell
from rxapp.services.customers.linking import (
    CUSTOMER_LINKS,
    LinkAcceptance,
    LinkDescription,
    LinkDraft,
    accept_link,
    decline_link,
    describe_link,
    invite_new_customer_link,
    request_relationship_link,
)
from rxapp.services.customers.listing import (
    PAGE_SIZE_DEFAULT,
    PAGE_SIZE_MAX,
    SORTS,
    CustomerPage,
    CustomerRow,
    OrgChoice,
    list_customers,
    list_indirect_resellers,
    list_partner_providers,
    shared_provider_name,
)
from rxapp.services.customers.own_partners import (
    CustomerPartners,
    PartnerEntry,
    RemovedGrant,
    list_partners,
    remove_delegated_admin,
    remove_relationship,
)
from rxapp.services.customers.search_sql import MAX_SEARCH, Cursor, ListQuery
from rxapp.services.customers.signup import create_customer_account, verify_claimed_domain

__all__ = [
    "CUSTOMER_LINKS",
    "DA_MAX_DAYS",
    "DA_MIN_DAYS",
    "EXPORT_HEADER",
    "MAX_SEARCH",
    "PAGE_SIZE_DEFAULT",
    "PAGE_SIZE_MAX",
    "SORTS",
    "Cursor",
    "CustomerDetail",
    "CustomerPage",
    "CustomerPartners",
    "CustomerRow",
    "CustomerSubscriptionLine",
    "CustomerUserEntry",
    "LinkAcceptance",
    "LinkDescription",
    "LinkDraft",
    "ListQuery",
    "OrgChoice",
    "PartnerEntry",
    "PartnerOfRecord",
    "RemovedGrant",
    "accept_link",
    "add_customer_user",
    "create_customer_account",
    "customer_detail",
    "decline_link",
    "delegated_admin_days",
    "describe_link",
    "export_customers_csv",
    "invite_new_customer_link",
    "list_customer_users",
    "list_customers",
    "list_indirect_resellers",
    "list_partner_providers",
    "list_partners",
    "neutralize_cell",
    "remove_delegated_admin",
    "remove_relationship",
    "request_delegated_admin",
    "request_relationship_link",
    "shared_provider_name",
    "verify_claimed_domain",
]
