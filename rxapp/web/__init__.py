"""HTTP-level protection around the Reflex app: security headers on every response and the upload guard."""
