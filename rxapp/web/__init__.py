"""HTTP-level concerns around the Reflex app: security headers on every response, the upload guard, pages served
without the redirect to their trailing slash, and the build's chunk groups (a Reflex plugin)."""
