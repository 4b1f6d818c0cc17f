"""Every page module; importing this package registers the pages (see `components.layout.page`)."""

from rxapp.pages import audit, auth, dashboard, mailbox, partners, users  # noqa: F401
