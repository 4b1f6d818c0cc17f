"""Reflex configuration: everything comes from `rxapp.settings` (environment variables)."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from rxapp.settings import get_settings

settings = get_settings()

config = rx.Config(
    app_name="rxapp",
    db_url=settings.database_url,
    redis_url=settings.redis_url,
    deploy_url=settings.public_url,
    api_url=settings.public_url,
    cors_allowed_origins=[settings.public_url],
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="blue", gray_color="slate", radius="medium", has_background=True)
        )
    ],
    disable_plugins=[SitemapPlugin],
)
