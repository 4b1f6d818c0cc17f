"""Every page module; importing this package registers the pages (see `components.layout.page`).

The import order is the order of the navigation menu.
"""
# ruff: noqa: F401, I001

from rxapp.pages import auth, dashboard
from rxapp.pages import customers, customer_links
from rxapp.pages import partner_directory, partners, partner_authorize
from rxapp.pages import invitations, relationships
from rxapp.pages import orders, subscriptions, licenses, support, service_health, leads, billing, profile
from rxapp.pages import incentives
from rxapp.pages import users, audit
from rxapp.pages import security
from rxapp.pages import api_access
from rxapp.pages import enrollment, enrollment_status, platform_enrollment, suspension
from rxapp.pages import mailbox
