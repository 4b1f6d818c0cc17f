"""What a service process has loaded, asked from inside it (a module of its own: the test module would bring
pytest along when the request is unpickled)."""

import sys


def top_level_modules() -> set[str]:
    return {name.split(".")[0] for name in sys.modules}
