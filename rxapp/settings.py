"""Application settings, read once from the environment (and an optional `.env` file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "partner-center.db"
MIN_TEST_HOOKS_TOKEN_LENGTH = 16


class Settings(BaseSettings):
    """Every knob of the portal; defaults give a zero-setup local run on a SQLite file."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: str = Field(default="local", description="local | test | production")
    database_url: str = f"sqlite:///{DEFAULT_SQLITE_PATH}"
    redis_url: str | None = None
    public_url: str = "http://localhost:3000"
    smtp_url: str | None = None
    mail_from: str = "Partner Center <no-reply@partner-center.example>"

    link_lifetime_days: int = 14
    temporary_password_days: int = 7
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    delegated_admin_days: int = 365

    # Threads that run the page events' services (database work) beside the event loop; unset: 2
    # (`db.service_threads`). The pool keeps one database connection per thread (`db.pool_size`).
    database_threads: int | None = Field(default=None, ge=1, le=64)
    # Processes that run the page events' list reads beside the event loop (`rxapp.service_processes`); 0: none.
    # Unset: 1 on SQLite (its queries run inside the worker, on the worker's interpreter lock), 0 on a database
    # server (the queries already run in its processes; the worker only waits, with the lock released).
    service_processes: int | None = Field(default=None, ge=0, le=64)

    sign_in_attempts_per_account: int = 5
    sign_in_attempts_per_client: int = 20
    sign_in_window_minutes: int = 15

    # Partner API: requests per client and window; webhooks: whether receivers on private, loopback or
    # link-local networks (and plain http://) are allowed (local development and tests only).
    api_rate_limit: int = 120
    api_rate_window_seconds: int = 60
    webhooks_allow_private: bool = False

    # QA test hooks (rxapp/testhooks): test data, outbox as JSON, the test clock, throttle resets under
    # /_test. Off unless asked for; never in production; every request needs the shared secret.
    enable_test_hooks: bool = False
    test_hooks_token: str | None = Field(default=None, repr=False)

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.environment == "production" and self.public_url.startswith("http://localhost"):
            raise ValueError("PUBLIC_URL must be set to the portal's own address in production")
        if self.enable_test_hooks:
            if self.environment == "production":
                raise ValueError("ENABLE_TEST_HOOKS is refused with ENVIRONMENT=production")
            if len(self.test_hooks_token or "") < MIN_TEST_HOOKS_TOKEN_LENGTH:
                raise ValueError(
                    f"ENABLE_TEST_HOOKS needs TEST_HOOKS_TOKEN (at least {MIN_TEST_HOOKS_TOKEN_LENGTH} "
                    "characters), the secret every test hook request must send"
                )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def service_process_count(self) -> int:
        """`SERVICE_PROCESSES`, or its default for the database in use."""
        if self.service_processes is not None:
            return self.service_processes
        return 1 if self.is_sqlite else 0

    @property
    def local_mailbox_enabled(self) -> bool:
        """The built-in mailbox replaces SMTP on a local or test machine with no mail server configured.

        It shows every email to anyone who opens it, so it is never on in production."""
        return not self.smtp_url and self.environment != "production"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (cached; tests clear the cache to change them)."""
    return Settings()
