"""Issue 13, point 10: a handler that shows progress (`busy = True`) sends it to the browser before the slow
work (a `yield` after setting it); a handler that never yields would set and clear it in one update."""

from __future__ import annotations

import ast
from pathlib import Path

STATE_DIR = Path(__file__).resolve().parents[3] / "rxapp" / "state"


def _sets_busy_true(node: ast.AST) -> bool:
    if not isinstance(node, ast.Assign):
        return False
    targets = [t for target in node.targets for t in (target.elts if isinstance(target, ast.Tuple) else [target])]
    values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
    return any(
        isinstance(t, ast.Attribute) and t.attr == "busy" and isinstance(v, ast.Constant) and v.value is True
        for t, v in zip(targets, values * len(targets) if len(values) == 1 else values, strict=False)
    )


def test_every_handler_that_shows_progress_yields_it_first():
    offenders = []
    for path in STATE_DIR.glob("*.py"):
        for function in ast.walk(ast.parse(path.read_text())):
            if not isinstance(function, ast.AsyncFunctionDef):
                continue
            body = list(ast.walk(function))
            sets = [node.lineno for node in body if _sets_busy_true(node)]
            if not sets:
                continue
            yields = [node.lineno for node in body if isinstance(node, ast.Yield)]
            if not any(line > sets[0] for line in yields):
                offenders.append(f"{path.name}:{function.name}")
    assert offenders == []
