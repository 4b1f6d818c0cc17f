"""The whole permission matrix: every action, for a user of every role combination in every kind of
organization, checked against the seed's role table (SPEC section 3) written out here independently."""

from __future__ import annotations

import itertools

import pytest

from rxapp.errors import OrganizationSuspended, PermissionDenied
from rxapp.models import AdminRole, AgentRole, OrgKind
from rxapp.permissions import MATRIX, Action, Actor, allowed_actions, can, require

AA, HA, SA, NA = "Admin agent", "Helpdesk agent", "Sales agent", "Not an agent"
GA, UMA, BA, NAD = "Global admin", "User management admin", "Billing admin", "Not an admin"

ROLE_NAMES = {
    AgentRole.ADMIN_AGENT: AA,
    AgentRole.HELPDESK_AGENT: HA,
    AgentRole.SALES_AGENT: SA,
    AgentRole.NOT_AN_AGENT: NA,
    AdminRole.GLOBAL_ADMIN: GA,
    AdminRole.USER_MANAGEMENT_ADMIN: UMA,
    AdminRole.BILLING_ADMIN: BA,
    AdminRole.NOT_AN_ADMIN: NAD,
}

# The seed's table, row by row: which roles grant the action (a user holds the union of its two roles).
# The Helpdesk agent's Office 365 exception is its own row: "You must be an admin agent ... for Office 365".
# The Sales agent (issue 14, Partner Center's third agent role): customers, orders, subscriptions and leads;
# never delegated admin, support on behalf, partnerships, the partner profile or users.
SEED_TABLE: dict[Action, set[str]] = {
    Action.VIEW_CUSTOMERS: {AA, HA, SA, GA},
    Action.VIEW_CUSTOMER_SERVICE_HEALTH: {AA, HA, SA, GA},
    Action.REQUEST_DELEGATED_ADMIN: {AA, GA},
    Action.ADMINISTER_CUSTOMERS: {AA, GA},
    Action.REQUEST_CUSTOMER_SUPPORT: {AA, HA, GA},
    Action.REQUEST_OFFICE_365_SUPPORT: {AA, GA},
    Action.MANAGE_SUBSCRIPTIONS: {AA, HA, SA, GA},
    Action.MANAGE_OFFICE_365_SUBSCRIPTIONS: {AA, SA, GA},
    Action.INVITE_CUSTOMERS: {AA, SA, GA},
    Action.MANAGE_LEADS: {AA, SA, GA},
    Action.VIEW_PARTNER_PROFILE: {AA, GA, UMA},
    Action.CREATE_PLATFORM_TICKETS: {GA},
    Action.MANAGE_USERS: {GA, UMA},
    Action.AUTHORIZE_PROVIDERS: {GA},
    Action.VIEW_BILLING: {GA, BA},
    # Around the seed's table (SPEC sections 4-6).
    Action.EDIT_PARTNER_PROFILE: {GA},
    Action.VIEW_AUDIT_LOG: {GA},
    Action.VIEW_PARTNERSHIPS: {AA, HA, SA, GA},
    Action.VIEW_INDIRECT_PROVIDERS: {AA, HA, SA, GA},
    Action.VIEW_INDIRECT_RESELLERS: {AA, HA, SA, GA},
    Action.INVITE_RESELLERS: {AA, GA},
    Action.SUBMIT_ORDERS: {AA, SA, GA},
    Action.MANAGE_CUSTOMER_PARTNERS: {GA},
    Action.VIEW_CUSTOMER_PARTNERS: {GA, UMA, BA},
    Action.REVIEW_ENROLLMENTS: {AA, GA},
    Action.MANAGE_REGISTRY: {GA},
    Action.MANAGE_DIRECTORY: {GA},
    Action.ANSWER_SUPPORT: {AA, HA, GA},
    Action.POST_SERVICE_HEALTH: {AA, GA},
    Action.REFER_LEADS: {AA, GA},
    Action.MANAGE_API_CLIENTS: {GA},
    Action.MANAGE_WEBHOOKS: {GA},
    Action.SUSPEND_PARTNERS: {GA},
    # Partnership lifecycle (issue 14).
    Action.VIEW_RELATIONSHIPS: {AA, HA, GA},
    Action.VIEW_INCENTIVES: {AA, GA, BA},
    Action.MANAGE_INCENTIVES: {GA},
    Action.MANAGE_SECOND_FACTOR: {GA},
}

R, P, C, PL = OrgKind.RESELLER, OrgKind.PROVIDER, OrgKind.CUSTOMER, OrgKind.PLATFORM
# Where each action exists: resellers and providers are partners; customers and the platform have their own.
KINDS: dict[Action, set[OrgKind]] = {
    Action.VIEW_CUSTOMERS: {R, P},
    Action.VIEW_CUSTOMER_SERVICE_HEALTH: {R, P},
    Action.REQUEST_DELEGATED_ADMIN: {R},
    Action.ADMINISTER_CUSTOMERS: {R, P},
    Action.REQUEST_CUSTOMER_SUPPORT: {R, P},
    Action.REQUEST_OFFICE_365_SUPPORT: {R, P},
    Action.MANAGE_SUBSCRIPTIONS: {R, P},
    Action.MANAGE_OFFICE_365_SUBSCRIPTIONS: {R, P},
    Action.INVITE_CUSTOMERS: {R},
    Action.MANAGE_LEADS: {R, P},
    Action.VIEW_PARTNER_PROFILE: {R, P},
    Action.CREATE_PLATFORM_TICKETS: {R, P},
    Action.MANAGE_USERS: {R, P, C, PL},
    Action.AUTHORIZE_PROVIDERS: {R},
    Action.VIEW_BILLING: {R, P, C},
    Action.EDIT_PARTNER_PROFILE: {R, P},
    Action.VIEW_AUDIT_LOG: {R, P, C, PL},
    Action.VIEW_PARTNERSHIPS: {R, P},
    Action.VIEW_INDIRECT_PROVIDERS: {R},
    Action.VIEW_INDIRECT_RESELLERS: {P},
    Action.INVITE_RESELLERS: {P},
    Action.SUBMIT_ORDERS: {P},
    Action.MANAGE_CUSTOMER_PARTNERS: {C},
    Action.VIEW_CUSTOMER_PARTNERS: {C},
    Action.REVIEW_ENROLLMENTS: {PL},
    Action.MANAGE_REGISTRY: {PL},
    Action.MANAGE_DIRECTORY: {PL},
    Action.ANSWER_SUPPORT: {PL},
    Action.POST_SERVICE_HEALTH: {PL},
    Action.REFER_LEADS: {PL},
    Action.MANAGE_API_CLIENTS: {R, P, C, PL},
    Action.MANAGE_WEBHOOKS: {R, P, C, PL},
    Action.SUSPEND_PARTNERS: {PL},
    Action.VIEW_RELATIONSHIPS: {R, P, C},
    Action.VIEW_INCENTIVES: {R, P},
    Action.MANAGE_INCENTIVES: {PL},
    Action.MANAGE_SECOND_FACTOR: {R, P, C, PL},
}

COMBOS = list(itertools.product(AgentRole, AdminRole))
CELLS = [(action, kind, agent, admin) for action in Action for kind in OrgKind for agent, admin in COMBOS]


def make_actor(kind: OrgKind, agent: AgentRole, admin: AdminRole, **extra) -> Actor:
    return Actor(user_id=1, org_id=1, org_kind=kind, agent_role=agent, admin_role=admin, **extra)


def expected(action: Action, kind: OrgKind, agent: AgentRole, admin: AdminRole) -> bool:
    return kind in KINDS[action] and bool({ROLE_NAMES[agent], ROLE_NAMES[admin]} & SEED_TABLE[action])


def test_the_tables_cover_every_action():
    assert set(SEED_TABLE) == set(Action) == set(KINDS) == set(MATRIX)


@pytest.mark.parametrize(
    ("action", "kind", "agent", "admin"),
    CELLS,
    ids=[f"{a.value}-{k.value}-{g.value}-{d.value}" for a, k, g, d in CELLS],
)
def test_matrix_cell(action, kind, agent, admin):
    actor = make_actor(kind, agent, admin)
    allowed = expected(action, kind, agent, admin)
    assert can(actor, action) is allowed
    assert (action in allowed_actions(actor)) is allowed
    if allowed:
        require(actor, action)
    else:
        with pytest.raises(PermissionDenied) as refusal:
            require(actor, action)
        assert refusal.value.params["action"] == action.value
        assert set(refusal.value.params["roles"]) == {r.value for r in MATRIX[action].roles}


@pytest.mark.parametrize(("agent", "admin"), COMBOS, ids=lambda r: r.value)
def test_nothing_is_allowed_before_a_temporary_password_is_changed(agent, admin):
    for kind in OrgKind:
        assert allowed_actions(make_actor(kind, agent, admin, must_change_password=True)) == frozenset()


@pytest.mark.parametrize(("agent", "admin"), COMBOS, ids=lambda r: r.value)
def test_nothing_is_allowed_in_an_organization_that_is_not_active(agent, admin):
    for kind in OrgKind:
        assert allowed_actions(make_actor(kind, agent, admin, org_active=False)) == frozenset()


def test_seed_examples():
    """The seed's own words, spot-checked: a Helpdesk agent can't view the partner profile, request a
    relationship with customers or manage leads; a User management admin views all partner profiles."""
    helpdesk = make_actor(R, AgentRole.HELPDESK_AGENT, AdminRole.NOT_AN_ADMIN)
    for action in (
        Action.VIEW_PARTNER_PROFILE,
        Action.INVITE_CUSTOMERS,
        Action.MANAGE_LEADS,
        Action.MANAGE_USERS,
        Action.REQUEST_OFFICE_365_SUPPORT,
    ):
        assert not can(helpdesk, action)
    assert can(helpdesk, Action.VIEW_CUSTOMERS)
    assert can(helpdesk, Action.MANAGE_SUBSCRIPTIONS)
    admin_agent = make_actor(R, AgentRole.ADMIN_AGENT, AdminRole.NOT_AN_ADMIN)
    assert not can(admin_agent, Action.MANAGE_USERS)
    assert not can(admin_agent, Action.CREATE_PLATFORM_TICKETS)
    uma = make_actor(R, AgentRole.NOT_AN_AGENT, AdminRole.USER_MANAGEMENT_ADMIN)
    assert allowed_actions(uma) == {Action.MANAGE_USERS, Action.VIEW_PARTNER_PROFILE}
    billing = make_actor(R, AgentRole.NOT_AN_AGENT, AdminRole.BILLING_ADMIN)
    assert allowed_actions(billing) == {Action.VIEW_BILLING, Action.VIEW_INCENTIVES}  # incentives follow billing
    nobody = make_actor(R, AgentRole.NOT_AN_AGENT, AdminRole.NOT_AN_ADMIN)
    assert allowed_actions(nobody) == frozenset()


def test_sales_agent_sells_but_never_administers_supports_or_manages_users():
    """Issue 14: a Sales agent manages customers, places orders and manages subscriptions and leads, with no
    delegated admin or support rights and no user management, in either kind of partner."""
    sales_reseller = make_actor(R, AgentRole.SALES_AGENT, AdminRole.NOT_AN_ADMIN)
    sales_provider = make_actor(P, AgentRole.SALES_AGENT, AdminRole.NOT_AN_ADMIN)
    for actor in (sales_reseller, sales_provider):
        assert can(actor, Action.VIEW_CUSTOMERS)
        assert can(actor, Action.MANAGE_SUBSCRIPTIONS)
        assert can(actor, Action.MANAGE_OFFICE_365_SUBSCRIPTIONS)
        assert can(actor, Action.MANAGE_LEADS)
        for action in (
            Action.REQUEST_DELEGATED_ADMIN,
            Action.ADMINISTER_CUSTOMERS,
            Action.REQUEST_CUSTOMER_SUPPORT,
            Action.REQUEST_OFFICE_365_SUPPORT,
            Action.MANAGE_USERS,
            Action.CREATE_PLATFORM_TICKETS,
            Action.AUTHORIZE_PROVIDERS,
            Action.INVITE_RESELLERS,
            Action.VIEW_BILLING,
        ):
            assert not can(actor, action), action
    assert can(sales_reseller, Action.INVITE_CUSTOMERS)
    assert can(sales_provider, Action.SUBMIT_ORDERS)
    for kind in (C, PL):  # the role means nothing outside partner organizations
        assert allowed_actions(make_actor(kind, AgentRole.SALES_AGENT, AdminRole.NOT_AN_ADMIN)) == frozenset()


SUSPENDED_CELLS = [(action, kind) for action in Action for kind in (R, P)]


@pytest.mark.parametrize(("action", "kind"), SUSPENDED_CELLS, ids=[f"{a.value}-{k.value}" for a, k in SUSPENDED_CELLS])
@pytest.mark.parametrize(
    ("agent", "admin"),
    [
        (AgentRole.ADMIN_AGENT, AdminRole.GLOBAL_ADMIN),
        (AgentRole.SALES_AGENT, AdminRole.NOT_AN_ADMIN),
        (AgentRole.HELPDESK_AGENT, AdminRole.USER_MANAGEMENT_ADMIN),
    ],
    ids=["aa+ga", "sa", "ha+uma"],
)
def test_suspended_organization_reads_but_every_change_is_refused_with_the_reason(action, kind, agent, admin):
    """Issue 14: a suspended partner keeps its read rights (pages, lists); every change the matrix would
    grant is refused with the staff's reason; what the roles never granted stays a plain refusal."""
    actor = make_actor(kind, agent, admin, suspension="Unpaid invoices")
    allowed = expected(action, kind, agent, admin)
    assert can(actor, action) is allowed
    assert (action in allowed_actions(actor)) is allowed
    assert can(actor, action, change=True) is (allowed and action == Action.CREATE_PLATFORM_TICKETS)
    if allowed and action == Action.CREATE_PLATFORM_TICKETS:  # it may still write to platform staff
        require(actor, action)
    elif allowed:
        require(actor, action, read=True)
        with pytest.raises(OrganizationSuspended) as refusal:
            require(actor, action)
        assert refusal.value.params == {"action": action.value, "reason": "Unpaid invoices"}
    else:
        for read in (True, False):
            with pytest.raises(PermissionDenied) as refusal:
                require(actor, action, read=read)
            assert not isinstance(refusal.value, OrganizationSuspended)


def test_reinstated_organization_changes_again():
    """Reinstatement is the mark removed: the same actor without `suspension` has every change back."""
    actor = make_actor(R, AgentRole.ADMIN_AGENT, AdminRole.GLOBAL_ADMIN)
    assert all(can(actor, action, change=True) for action in allowed_actions(actor))
