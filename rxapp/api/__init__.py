"""The partner API (`/api/v1`): FastAPI on the Reflex app, calling the same services as the pages."""
