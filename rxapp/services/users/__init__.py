"""User management (Account settings › User management): list, add, change roles, deactivate, reset password.

Rules (SPEC section 3):
- everything needs `Action.MANAGE_USERS` and stays inside the actor's organization (unknown and other
  organizations' users both raise NotFound);
- nobody grants a role beyond what they may manage: only a Global admin grants Global admin, and only a
  Global admin changes, deactivates or resets the password of a Global admin (otherwise a User management
  admin could take over a Global admin's account);
- the last active Global admin of an organization can't be demoted or deactivated;
- a deactivated user's sessions end at once; so do the sessions of a user whose password is reset;
- a temporary password is returned to the caller exactly once and only its argon2 hash is stored; it
  expires after `settings.temporary_password_days` and must be changed at first sign-in;
- email addresses are unique across the whole system (the unique constraint settles races).

One module per job; callers keep writing `users.list_users(...)`: `rules` (the summary and credentials shapes,
who may grant or manage which role), `queries` (the list, one user), `changes` (add, roles, activation,
password reset).
"""

from rxapp.services.users.changes import add_user, reset_password, set_active, update_roles
from rxapp.services.users.queries import get_user, list_users
from rxapp.services.users.rules import FULL_NAME_MAX, MAX_PAGE_SIZE, Credentials, UserSummary, grantable_admin_roles

__all__ = [
    "FULL_NAME_MAX",
    "MAX_PAGE_SIZE",
    "Credentials",
    "UserSummary",
    "add_user",
    "get_user",
    "grantable_admin_roles",
    "list_users",
    "reset_password",
    "set_active",
    "update_roles",
]
