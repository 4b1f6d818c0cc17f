"""What a user does again and again in the E2E tests: sign in, open the newest emailed link."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def sign_in(page: Page, email: str, password: str, *, expect_path: str = "/dashboard") -> None:
    """Sign in through the sign-in page and wait for the landing page."""
    page.goto("/signin")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(expect_path)))


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile("/signin"))


def open_newest_link(page: Page, recipient: str, subject: str | re.Pattern) -> str:
    """Open /mailbox, find the newest email to `recipient` with `subject`, follow its link; returns the URL."""
    page.goto("/mailbox")
    page.get_by_placeholder("Filter by recipient").fill(recipient)
    page.get_by_role("button", name="Search").click()
    message = page.get_by_role("article", name=subject).first
    expect(message).to_be_visible()
    link = message.get_by_role("link").first
    url = link.get_attribute("href")
    link.click()
    return url
