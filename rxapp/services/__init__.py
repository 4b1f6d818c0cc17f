"""Domain services: plain Python, no Reflex. Each takes a session and the acting user."""
