"""Every page module; importing this package registers the pages (see `components.layout.page`)."""

from rxapp.pages import auth, dashboard, mailbox, operations  # noqa: F401
