"""Test data for one QA run: organizations, users and the records around them, and their clean-up.

Every name, domain, email and user name made here contains the run id (lower-case letters and digits, 8 to
32 characters), and only organizations of the run can be changed through the hooks, so `cleanup.delete_run(run)`
deletes exactly what the run made (also what the run's users made through the UI, keyed by the same ids),
whatever else shares the database. No Reflex here; each function works in the caller's session.

One module per job, every call importable from here (`data.create_org(...)`): `runs` (run ids, names, the
run's own organizations), `orgs` (organizations and their users), `records` (relationships, subscriptions,
registry entries, leads...), `mail_and_throttling`.
"""

from rxapp.testhooks.data.mail_and_throttling import CLIENT_SCOPES, emails_to, queue_mail, reset_throttling
from rxapp.testhooks.data.orgs import DEFAULT_USERS, add_user, create_org
from rxapp.testhooks.data.records import (
    add_customer_user,
    add_registry_entries,
    add_subscription,
    connect,
    grant_delegated_admin,
    refer_lead,
    subscriptions_of,
)
from rxapp.testhooks.data.runs import KINDS, RUN_ID, HookError, check_run, new_password, run_org

__all__ = [
    "CLIENT_SCOPES",
    "DEFAULT_USERS",
    "HookError",
    "KINDS",
    "RUN_ID",
    "add_customer_user",
    "add_registry_entries",
    "add_subscription",
    "add_user",
    "check_run",
    "connect",
    "create_org",
    "emails_to",
    "grant_delegated_admin",
    "new_password",
    "queue_mail",
    "refer_lead",
    "reset_throttling",
    "run_org",
    "subscriptions_of",
]
