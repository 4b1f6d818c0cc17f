"""Calling Reflex event handlers in unit tests as the browser would: a fresh state tree per tab, any
arguments, the handler run for real (sync, async, generators) through the services into the database."""

from __future__ import annotations

import inspect


def state_of(cls, token: str):
    """A fresh state tree (as Reflex builds one per browser tab) holding `token`; returns the substate."""
    from reflex.state import State

    root = State(_reflex_internal_init=True)
    path = cls.get_full_name().split(".")[1:]
    state = root.get_substate(path)
    state.session_token = token
    return state


async def send(state, handler: str, *args):
    """Call an event handler as Reflex does (sync, async, generators); returns what it yielded/returned."""
    fn = type(state).event_handlers[handler].fn
    result = fn(state, *args)
    out = []
    if inspect.isasyncgen(result):
        async for item in result:
            out.append(item)
    elif inspect.isgenerator(result):
        out.extend(result)
    elif inspect.iscoroutine(result):
        out.append(await result)
    else:
        out.append(result)
    return out
