"""Test doubles and local stores shared by several test files: the test clock's in-memory offset store, an SMTP
server's collector of delivered messages, a free local port, and whether a local Redis answers."""

from __future__ import annotations

import email
import socket
import threading
from email import policy

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpCollector:
    def __init__(self) -> None:
        self.envelopes: list = []
        self.lock = threading.Lock()

    async def handle_DATA(self, _server, _session, envelope):
        with self.lock:
            self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[email.message.EmailMessage]:
        with self.lock:
            return [email.message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]


class MemoryStore:
    def __init__(self) -> None:
        self.values: dict[str, float] = {}
        self.loads = 0
        self.fail = False

    def load(self) -> dict[str, float]:
        self.loads += 1
        if self.fail:
            raise ConnectionError("store down")
        return dict(self.values)

    def add(self, scope: str, seconds: float) -> float:
        self.values[scope] = self.values.get(scope, 0.0) + seconds
        return self.values[scope]

    def put(self, scope: str, seconds: float) -> None:
        self.values[scope] = seconds

    def clear(self, scopes=None) -> None:
        if scopes is None:
            self.values.clear()
        for scope in scopes or []:
            self.values.pop(scope, None)
