"""The wire-level safety of webhooks: Standard Webhooks signatures (headers `webhook-id`, `webhook-timestamp`,
`webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the secret's bytes) and the
refusal of receivers on private networks (plain http and private addresses only with
`WEBHOOKS_ALLOW_PRIVATE=true`, for local development and tests).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
import socket
from typing import Any
from urllib.parse import urlsplit

from rxapp.boundary import column_length
from rxapp.errors import ValidationFailed
from rxapp.models import WebhookEndpoint
from rxapp.settings import get_settings

SECRET_MARK = "whsec_"  # noqa: S105 (the marker that starts every signing secret, not a secret)
URL_MAX = column_length(WebhookEndpoint, "url")


class UnsafeReceiver(ValueError):
    """A receiver address the portal must not call (private, loopback, link-local... or unresolvable)."""


def new_secret() -> str:
    return SECRET_MARK + base64.b64encode(secrets.token_bytes(32)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_MARK))


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header value for one message (Standard Webhooks, version 1)."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest()).decode()


def signed_headers(secret: str, message_id: str, body: bytes, *, timestamp: int) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id, timestamp, body),
        "user-agent": "PartnerCenter-Webhooks/1",
    }


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            ip = mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (raises UnsafeReceiver when it does not resolve)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise UnsafeReceiver("the host name does not resolve") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise UnsafeReceiver("the host name does not resolve")
    return addresses


def check_receiver(url: str, *, allow_private: bool | None = None) -> tuple[Any, list[str]]:
    """The URL's parts and the addresses to call, after refusing what a server must not call: other schemes,
    credentials in the URL, and (unless allowed) plain http and any address that is not public — every
    address the host resolves to is checked (private, loopback, link-local, shared, reserved, multicast)."""
    allow = get_settings().webhooks_allow_private if allow_private is None else allow_private
    parts = urlsplit(url)
    if parts.scheme not in (("https", "http") if allow else ("https",)):
        raise UnsafeReceiver("the URL must start with https://")
    if parts.username is not None or parts.password is not None:
        raise UnsafeReceiver("the URL must not hold credentials")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeReceiver("the URL has an invalid port") from exc
    host = parts.hostname
    if not host:
        raise UnsafeReceiver("the URL has no host")
    addresses = resolve(host, port)
    if not allow:
        private = [address for address in addresses if not _is_public(address)]
        if private:
            raise UnsafeReceiver(f"the host resolves to a private or reserved address ({private[0]})")
    return parts, addresses


def validated_url(url: str) -> str:
    text = (url or "").strip()
    if not text:
        raise ValidationFailed("validation.required", field="webhook_url")
    if len(text) > URL_MAX or any(ch.isspace() or ord(ch) < 32 for ch in text):
        raise ValidationFailed("webhooks.url_invalid", field="webhook_url")
    try:
        check_receiver(text)
    except UnsafeReceiver as refusal:
        raise ValidationFailed("webhooks.url_refused", field="webhook_url", reason=str(refusal)) from None
    return text
