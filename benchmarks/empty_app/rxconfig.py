"""The baseline of benchmarks/events.py: a blank Reflex app with Reflex's default settings."""

import reflex as rx

config = rx.Config(app_name="emptyapp")
