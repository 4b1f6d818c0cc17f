"""Every page module; importing this package registers the pages (see `components.layout.page`)."""

from rxapp.pages import (  # noqa: F401
    auth,
    customers,
    dashboard,
    enrollment,
    mailbox,
    partners,
    platform_enrollment,
)
