"""Page objects: one class per page of the portal, named by what its user sees, exposing what they do there
(`CustomersPage(page).search("Adatum")`, `AddUserPage(page).create(name, email, agent, admin)`). Tests use
these, never raw selectors; locators go by role and label, a `data-testid` only where nothing has an
accessible name. See docs/testing.md."""

from tests.e2e.pages.api_access import ApiAccessPage, WebhooksPage
from tests.e2e.pages.audit import AuditLogPage
from tests.e2e.pages.auth import ChangePasswordPage, SignInPage, first_sign_in, sign_in, totp_code
from tests.e2e.pages.base import BasePage
from tests.e2e.pages.customers import (
    AcceptLinkPage,
    CustomerDetails,
    CustomerInvitationsPage,
    CustomerPartnersPage,
    CustomersPage,
    InviteNewCustomerPage,
    RequestRelationshipPage,
)
from tests.e2e.pages.dashboard import DashboardPage
from tests.e2e.pages.enrollment import EnrollmentStatusPage, EnrollmentWizard, VerifyEnrollmentPage
from tests.e2e.pages.lifecycle import IncentiveProgramsPage, IncentivesPage, RelationshipsPage
from tests.e2e.pages.mailbox import MailboxPage
from tests.e2e.pages.operations import (
    BillingPage,
    LeadsPage,
    LicensesPage,
    MarketingProfilePage,
    OrdersPage,
    PartnerProfilePage,
    PostServiceHealthPage,
    SubscriptionsPage,
    SupportPage,
    VerifyContactPage,
)
from tests.e2e.pages.partners import (
    AuthorizeProviderPage,
    IndirectProvidersPage,
    IndirectResellersPage,
    ProviderDirectoryPage,
)
from tests.e2e.pages.platform import (
    PartnerOrganizationsPage,
    PartnerSupportQueuePage,
    ReferralLeadsPage,
    RegistryPage,
    ReviewQueuePage,
)
from tests.e2e.pages.security import SecurityPage, UnblockPage
from tests.e2e.pages.shell import AppShell
from tests.e2e.pages.users import AddUserPage, EditUserPage, UserCreatedPage, UserManagementPage

__all__ = [
    "AcceptLinkPage",
    "AddUserPage",
    "ApiAccessPage",
    "AppShell",
    "AuditLogPage",
    "AuthorizeProviderPage",
    "BasePage",
    "BillingPage",
    "ChangePasswordPage",
    "CustomerDetails",
    "CustomerInvitationsPage",
    "CustomerPartnersPage",
    "CustomersPage",
    "DashboardPage",
    "EditUserPage",
    "EnrollmentStatusPage",
    "EnrollmentWizard",
    "IncentiveProgramsPage",
    "IncentivesPage",
    "IndirectProvidersPage",
    "IndirectResellersPage",
    "InviteNewCustomerPage",
    "LeadsPage",
    "LicensesPage",
    "MailboxPage",
    "MarketingProfilePage",
    "OrdersPage",
    "PartnerOrganizationsPage",
    "PartnerProfilePage",
    "PartnerSupportQueuePage",
    "PostServiceHealthPage",
    "ProviderDirectoryPage",
    "ReferralLeadsPage",
    "RegistryPage",
    "RelationshipsPage",
    "RequestRelationshipPage",
    "ReviewQueuePage",
    "SecurityPage",
    "SignInPage",
    "SubscriptionsPage",
    "SupportPage",
    "UnblockPage",
    "UserCreatedPage",
    "UserManagementPage",
    "VerifyContactPage",
    "VerifyEnrollmentPage",
    "WebhooksPage",
    "first_sign_in",
    "sign_in",
    "totp_code",
]
