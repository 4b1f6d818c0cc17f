"""Every page module; importing this package registers the pages (see `components.layout.page`)."""

from rxapp.pages import auth, customers, dashboard, mailbox, operations, partners  # noqa: F401
