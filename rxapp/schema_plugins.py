"""Alembic autogenerate plugins for the tables no model declares: the organization search index (made by a
migration, `services.search_index`) and the test clock's table (made by the QA hooks, `rxapp.clock`).

Without them, `reflex db makemigrations` (and Reflex's schema check at start) would propose dropping those
tables. They live apart from the services because alembic costs about 11 MB to import: the app module imports
this one (Reflex loads alembic there anyway), a service process, which imports only the services, does not.
"""

from __future__ import annotations

from alembic.autogenerate.compare import comparators  # noqa: F401  (loads alembic's own plugins first)
from alembic.operations import ops
from alembic.runtime.plugins import Plugin
from alembic.util import DispatchPriority, PriorityDispatchResult

from rxapp import clock
from rxapp.services.search_index import SEARCH_TABLE

_KEPT_TYPES = (ops.DropTableOp, ops.ModifyTableOps)


def _is_search_table(name: str | None) -> bool:
    return bool(name) and (name == SEARCH_TABLE or name.startswith(SEARCH_TABLE + "_"))


def _keep_search_tables(autogen_context, upgrade_ops: ops.UpgradeOps) -> PriorityDispatchResult:  # noqa: ARG001 (alembic)
    """Drop autogenerate's proposals to remove the FTS5 table and its shadow tables."""
    upgrade_ops.ops[:] = [
        op for op in upgrade_ops.ops if not (isinstance(op, _KEPT_TYPES) and _is_search_table(op.table_name))
    ]
    return PriorityDispatchResult.CONTINUE


def _keep_clock_table(autogen_context, upgrade_ops: ops.UpgradeOps) -> PriorityDispatchResult:  # noqa: ARG001 (alembic)
    """The test clock's table is made by the hooks, not the migrations."""
    upgrade_ops.ops[:] = [
        op for op in upgrade_ops.ops if not (isinstance(op, _KEPT_TYPES) and op.table_name == clock.clock_table.name)
    ]
    return PriorityDispatchResult.CONTINUE


for _name, _comparator in (
    ("alembic.autogenerate.rxapp_organization_search", _keep_search_tables),
    ("alembic.autogenerate.rxapp_test_clock", _keep_clock_table),
):
    try:
        _plugin = Plugin(_name)
    except ValueError:  # already registered (module reloaded)
        continue
    _plugin.add_autogenerate_comparator(_comparator, "autogenerate", priority=DispatchPriority.LAST)
