"""The permission matrix: one table, consulted by every service call.

Rows are actions; each names the organization kinds where it exists and the roles that grant it. A user
holds the union of the rights of its agent role and its admin role (SPEC section 3, the seed's role table).
The Sales agent (Partner Center's third agent role, issue 14) sells: customers, orders, subscriptions and
leads, but no delegated admin, support on behalf, partnerships or users.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rxapp.errors import OrganizationSuspended, PermissionDenied
from rxapp.models.enums import AdminRole, AgentRole, OrgKind

Role = AgentRole | AdminRole

AA = AgentRole.ADMIN_AGENT
HA = AgentRole.HELPDESK_AGENT
SA = AgentRole.SALES_AGENT
GA = AdminRole.GLOBAL_ADMIN
UMA = AdminRole.USER_MANAGEMENT_ADMIN
BA = AdminRole.BILLING_ADMIN

PARTNERS = frozenset({OrgKind.RESELLER, OrgKind.PROVIDER})
RESELLER = frozenset({OrgKind.RESELLER})
PROVIDER = frozenset({OrgKind.PROVIDER})
CUSTOMER = frozenset({OrgKind.CUSTOMER})
PLATFORM = frozenset({OrgKind.PLATFORM})
EVERY_KIND = frozenset(OrgKind)


class Action(StrEnum):
    # The seed's role table (partners).
    VIEW_CUSTOMERS = "view_customers"
    VIEW_CUSTOMER_SERVICE_HEALTH = "view_customer_service_health"
    REQUEST_DELEGATED_ADMIN = "request_delegated_admin"
    ADMINISTER_CUSTOMERS = "administer_customers"
    REQUEST_CUSTOMER_SUPPORT = "request_customer_support"
    REQUEST_OFFICE_365_SUPPORT = "request_office_365_support"
    MANAGE_SUBSCRIPTIONS = "manage_subscriptions"
    MANAGE_OFFICE_365_SUBSCRIPTIONS = "manage_office_365_subscriptions"
    INVITE_CUSTOMERS = "invite_customers"
    MANAGE_LEADS = "manage_leads"
    VIEW_PARTNER_PROFILE = "view_partner_profile"
    CREATE_PLATFORM_TICKETS = "create_platform_tickets"
    MANAGE_USERS = "manage_users"
    AUTHORIZE_PROVIDERS = "authorize_providers"
    VIEW_BILLING = "view_billing"
    # Around the seed's table.
    EDIT_PARTNER_PROFILE = "edit_partner_profile"
    VIEW_AUDIT_LOG = "view_audit_log"
    VIEW_PARTNERSHIPS = "view_partnerships"
    VIEW_INDIRECT_PROVIDERS = "view_indirect_providers"  # a reseller's Indirect providers page
    VIEW_INDIRECT_RESELLERS = "view_indirect_resellers"  # a provider's Indirect resellers page
    INVITE_RESELLERS = "invite_resellers"
    SUBMIT_ORDERS = "submit_orders"
    MANAGE_CUSTOMER_PARTNERS = "manage_customer_partners"
    VIEW_CUSTOMER_PARTNERS = "view_customer_partners"
    REVIEW_ENROLLMENTS = "review_enrollments"
    MANAGE_REGISTRY = "manage_registry"
    MANAGE_DIRECTORY = "manage_directory"
    ANSWER_SUPPORT = "answer_support"
    POST_SERVICE_HEALTH = "post_service_health"
    REFER_LEADS = "refer_leads"
    # The partner API and webhooks (Account settings › API access, Webhooks).
    MANAGE_API_CLIENTS = "manage_api_clients"
    MANAGE_WEBHOOKS = "manage_webhooks"
    # Platform staff suspend and reinstate partner organizations (issue 14).
    SUSPEND_PARTNERS = "suspend_partners"
    # Partnership lifecycle (issue 14): the relationship expiry dashboard and incentives.
    VIEW_RELATIONSHIPS = "view_relationships"
    VIEW_INCENTIVES = "view_incentives"
    MANAGE_INCENTIVES = "manage_incentives"
    # Multi-factor sign-in: the organization's requirement, resetting a user's second factor.
    MANAGE_SECOND_FACTOR = "manage_second_factor"


@dataclass(frozen=True)
class Rule:
    kinds: frozenset[OrgKind]
    roles: frozenset[Role]
    while_suspended: bool = False  # a change a suspended organization may still make


def _rule(kinds: frozenset[OrgKind], *roles: Role, while_suspended: bool = False) -> Rule:
    return Rule(kinds, frozenset(roles), while_suspended)


MATRIX: dict[Action, Rule] = {
    Action.VIEW_CUSTOMERS: _rule(PARTNERS, AA, HA, SA, GA),
    Action.VIEW_CUSTOMER_SERVICE_HEALTH: _rule(PARTNERS, AA, HA, SA, GA),
    Action.REQUEST_DELEGATED_ADMIN: _rule(RESELLER, AA, GA),
    Action.ADMINISTER_CUSTOMERS: _rule(PARTNERS, AA, GA),
    Action.REQUEST_CUSTOMER_SUPPORT: _rule(PARTNERS, AA, HA, GA),
    Action.REQUEST_OFFICE_365_SUPPORT: _rule(PARTNERS, AA, GA),
    Action.MANAGE_SUBSCRIPTIONS: _rule(PARTNERS, AA, HA, SA, GA),
    Action.MANAGE_OFFICE_365_SUBSCRIPTIONS: _rule(PARTNERS, AA, SA, GA),
    Action.INVITE_CUSTOMERS: _rule(RESELLER, AA, SA, GA),
    Action.MANAGE_LEADS: _rule(PARTNERS, AA, SA, GA),
    Action.VIEW_PARTNER_PROFILE: _rule(PARTNERS, AA, GA, UMA),
    # A suspended partner can still write to platform staff, about its suspension above all.
    Action.CREATE_PLATFORM_TICKETS: _rule(PARTNERS, GA, while_suspended=True),
    Action.MANAGE_USERS: _rule(EVERY_KIND, GA, UMA),
    Action.AUTHORIZE_PROVIDERS: _rule(RESELLER, GA),
    Action.VIEW_BILLING: _rule(PARTNERS | CUSTOMER, GA, BA),
    Action.EDIT_PARTNER_PROFILE: _rule(PARTNERS, GA),
    Action.VIEW_AUDIT_LOG: _rule(EVERY_KIND, GA),
    Action.VIEW_PARTNERSHIPS: _rule(PARTNERS, AA, HA, SA, GA),
    Action.VIEW_INDIRECT_PROVIDERS: _rule(RESELLER, AA, HA, SA, GA),
    Action.VIEW_INDIRECT_RESELLERS: _rule(PROVIDER, AA, HA, SA, GA),
    Action.INVITE_RESELLERS: _rule(PROVIDER, AA, GA),
    Action.SUBMIT_ORDERS: _rule(PROVIDER, AA, SA, GA),
    Action.MANAGE_CUSTOMER_PARTNERS: _rule(CUSTOMER, GA),
    Action.VIEW_CUSTOMER_PARTNERS: _rule(CUSTOMER, GA, UMA, BA),
    Action.REVIEW_ENROLLMENTS: _rule(PLATFORM, AA, GA),
    Action.MANAGE_REGISTRY: _rule(PLATFORM, GA),
    Action.MANAGE_DIRECTORY: _rule(PLATFORM, GA),
    Action.ANSWER_SUPPORT: _rule(PLATFORM, AA, HA, GA),
    Action.POST_SERVICE_HEALTH: _rule(PLATFORM, AA, GA),
    Action.REFER_LEADS: _rule(PLATFORM, AA, GA),
    Action.MANAGE_API_CLIENTS: _rule(EVERY_KIND, GA),
    Action.MANAGE_WEBHOOKS: _rule(EVERY_KIND, GA),
    Action.SUSPEND_PARTNERS: _rule(PLATFORM, GA),
    Action.VIEW_RELATIONSHIPS: _rule(PARTNERS | CUSTOMER, AA, HA, GA),
    Action.VIEW_INCENTIVES: _rule(PARTNERS, AA, GA, BA),
    Action.MANAGE_INCENTIVES: _rule(PLATFORM, GA),
    Action.MANAGE_SECOND_FACTOR: _rule(EVERY_KIND, GA),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: resolved from the server-side session on every event, never taken from the client."""

    user_id: int
    org_id: int
    org_kind: OrgKind
    agent_role: AgentRole
    admin_role: AdminRole
    email: str = ""
    full_name: str = ""
    org_name: str = ""
    org_active: bool = True
    must_change_password: bool = False
    # The platform staff's reason while the organization is suspended (None when it is not): the matrix
    # then grants reading only (`require(..., read=True)`); every change raises `OrganizationSuspended`.
    suspension: str | None = None
    must_enroll_mfa: bool = False  # the organization (or platform staff) requires a second factor not yet set up
    language: str | None = None  # the user's saved UI language, if any
    # Set when an API client acts (services.api_clients.actor_for_client): `user_id` is then the Global admin
    # who created the client (records that name a user point at them) and the audit log names the client.
    api_client_id: int | None = None

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset({self.agent_role, self.admin_role})


def can(actor: Actor, action: Action, *, change: bool = False) -> bool:
    """Whether the actor's organization kind and roles grant `action`; with `change=True` also whether its
    organization may change anything now (not suspended). Pages and navigation ask without `change`: a
    suspended organization still reads."""
    rule = MATRIX[action]
    if not actor.org_active or actor.must_change_password or actor.must_enroll_mfa:
        return False
    if change and actor.suspension is not None and not rule.while_suspended:
        return False
    return actor.org_kind in rule.kinds and not actor.roles.isdisjoint(rule.roles)


def require(actor: Actor, action: Action, *, read: bool = False) -> None:
    """Raise `PermissionDenied` naming the roles that would grant `action` when the actor lacks it, and
    `OrganizationSuspended` with the staff's reason when it would change something while its organization
    is suspended. A change is the default: only calls that merely read pass `read=True`."""
    if not can(actor, action):
        needed = sorted(role.value for role in MATRIX[action].roles)
        raise PermissionDenied(action=action.value, roles=needed)
    if not read and not can(actor, action, change=True):
        raise OrganizationSuspended(action=action.value, reason=actor.suspension)


ACTIONS: tuple[Action, ...] = tuple(Action)  # a fixed order: the pages read an actor's rights as one flag each


def rights_flags(allowed: frozenset[Action]) -> str:
    """The pages' copy of what an actor may do: "1" or "0" per action of `ACTIONS` (see `components.rights`)."""
    return "".join("1" if action in allowed else "0" for action in ACTIONS)


def allowed_actions(actor: Actor) -> frozenset[Action]:
    """Every action the actor may take (drives navigation and which buttons are shown)."""
    return frozenset(action for action in Action if can(actor, action))
