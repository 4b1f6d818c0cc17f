"""Form building blocks: labelled fields (inputs, text areas, native selects), notices (error and success
callouts) and a submit button with a loading state."""

from __future__ import annotations

from collections.abc import Sequence

import reflex as rx

from rxapp.boundary import limit_for
from rxapp.components.countries import country_options
from rxapp.components.i18n import T

LABEL_STYLE = {"fontWeight": 500, "fontSize": "14px"}
SELECT_STYLE = {
    "padding": "0.5em",
    "borderRadius": "6px",
    "border": "1px solid var(--gray-a7)",
    "background": "var(--color-surface)",
    "color": "var(--gray-12)",
    "width": "100%",
    "fontSize": "15px",
}


def error_for(state, *fields: str) -> rx.Var:
    """The state's refusal when it is about one of `fields` (`state.error_field`: the control's id for states
    that refuse through `AppState._call`), else "": what shows under that field."""
    about = state.error_field == fields[0]
    for name in fields[1:]:
        about = about | (state.error_field == name)
    return rx.cond(about, state.error, "")


def form_error(state) -> rx.Component:
    """The state's refusal that is about no field of the form (a field's own shows under the field)."""
    return error_callout(rx.cond(state.error_field == "", state.error, ""))


def _marked(props: dict, control_id: str, error: rx.Var | None) -> dict:
    """`aria-invalid` and `aria-describedby` (the message under the control) while `error` is not ""."""
    if error is not None:
        props["aria_invalid"] = rx.cond(error != "", "true", "false")
        props["aria_describedby"] = rx.cond(error != "", f"{control_id}-error", "")
    return props


def _with_error(control: rx.Component, control_id: str, error: rx.Var | None) -> rx.Component:
    if error is None:
        return control
    return rx.vstack(control, field_error(error, f"{control_id}-error"), spacing="1", width="100%")


def _error_of(state, error_field: str | None, name: str, error: rx.Var | None) -> rx.Var | None:
    """A field's error: given, or the state's refusal about `error_field` (default: the control's id)."""
    if error is not None or state is None:
        return error
    return error_for(state, error_field or name)


def _set(props: dict, **optional) -> dict:
    """`props` plus those of `optional` that were given (None means "leave the attribute out")."""
    return {**props, **{key: value for key, value in optional.items() if value is not None}}


def label(label_key: str, html_for: str) -> rx.Component:
    return rx.el.label(T[label_key], html_for=html_for, style=LABEL_STYLE)


def labelled(
    label_key: str, html_for: str, control: rx.Component, hint_key: str | None = None, width: str | None = "100%"
) -> rx.Component:
    """A label above a control (the control's accessible name is the label's text), with an optional hint."""
    return rx.vstack(
        label(label_key, html_for),
        control,
        *([rx.text(T[hint_key], size="1", color_scheme="gray")] if hint_key else []),
        **_set({"spacing": "1", "align": "start"}, width=width),
    )


def field(
    label_key: str,
    name: str,
    *,
    control_id: str | None = None,
    type: str = "text",
    required: bool = True,
    auto_complete: str = "",
    default_value: str | rx.Var = "",
    hint_key: str | None = None,
    disabled: bool | rx.Var = False,
    error: rx.Var | None = None,
    state=None,
    error_field: str | None = None,
    **props,
) -> rx.Component:
    """A label above an input; the input's id is `control_id` (default: its form `name`), so that several forms
    on one page can have fields of the same name. `error` (a message, "" for none; or, with `state`, the state's
    refusal about `error_field`, default the control's id) is shown under the input, which is then marked invalid and
    described by it."""
    control_id = control_id or name
    error = _error_of(state, error_field, control_id, error)
    if disabled is not False:
        props["disabled"] = disabled
    props.setdefault("max_length", limit_for(name))  # the input boundary's limit for this field
    control = labelled(
        label_key,
        control_id,
        rx.input(
            **_marked(
                dict(
                    id=control_id,
                    name=name,
                    type=type,
                    required=required,
                    auto_complete=auto_complete or None,
                    default_value=default_value,
                    width="100%",
                    size="3",
                    **props,
                ),
                control_id,
                error,
            )
        ),
        hint_key,
    )
    return _with_error(control, control_id, error)


def field_error(message: rx.Var, element_id: str | rx.Var | None = None) -> rx.Component:
    """A field's own error message, in red under it ("" shows nothing)."""
    return rx.cond(
        message != "",
        rx.text(
            rx.icon("circle-alert", size=14),
            " ",
            message,
            size="2",
            color_scheme="red",
            id=element_id,
            style={"display": "flex", "alignItems": "center", "gap": "0.3em"},
        ),
    )


def textarea_field(
    label_key: str,
    name: str,
    *,
    control_id: str | None = None,
    default_value: str | rx.Var = "",
    rows: str | None = "4",
    required: bool = True,
    disabled: bool | rx.Var = False,
    hint_key: str | None = None,
    error: rx.Var | None = None,
    state=None,
    error_field: str | None = None,
    **props,
) -> rx.Component:
    control_id = control_id or name
    props.setdefault("max_length", limit_for(name))
    error = _error_of(state, error_field, control_id, error)
    return _with_error(
        labelled(
            label_key,
            control_id,
            rx.text_area(
                **_marked(
                    _set(
                        {
                            "id": control_id,
                            "name": name,
                            "default_value": default_value,
                            "required": required,
                            "width": "100%",
                            "disabled": disabled,
                            **props,
                        },
                        rows=rows,
                    ),
                    control_id,
                    error,
                )
            ),
            hint_key,
        ),
        control_id,
        error,
    )


def _option(text, value) -> rx.Component:
    return rx.el.option(text, value=value)


def select_field(
    label_key: str | None,
    name: str,
    options: rx.Var | rx.Component | Sequence[tuple[str, str | rx.Var]],
    *,
    control_id: str | None = None,
    value_key: str | int = "id",
    text_key: str | int = "name",
    blank_key: str | None = None,
    value: rx.Var | str | None = None,
    on_change=None,
    default_value: rx.Var | str | None = None,
    required: bool = False,
    full_width: bool = True,
    error: rx.Var | None = None,
    state=None,
    error_field: str | None = None,
    **props,
) -> rx.Component:
    """A labelled native <select> (keyboard and screen-reader friendly).

    `options` is either a list of `(value, text)` pairs or a Var list whose items give the option's value and
    text under `value_key` and `text_key`. `blank_key` adds a first option with the value "". Controlled with
    `value` + `on_change`, or uncontrolled with `default_value`. The id is `control_id` (default: `name`).
    Without `label_key` only the bare select is returned (give it an `aria_label`), without an id unless
    `control_id` is given."""
    if isinstance(options, rx.Component):  # options compiled into the page (e.g. country_options())
        items = [options]
    elif isinstance(options, rx.Var):
        items = [rx.foreach(options, lambda o: _option(o[text_key], o[value_key]))]
    else:
        items = [_option(text, option_value) for option_value, text in options]
    blank = [_option(T[blank_key], "")] if blank_key else []
    style = SELECT_STYLE if full_width else {**SELECT_STYLE, "width": "auto"}
    element_id = control_id or (name if label_key else None)
    if element_id:
        error = _error_of(state, error_field, element_id, error)
        if error is not None:
            props = _marked(props, element_id, error)
    else:
        error = None
    select = rx.el.Select.create(
        *blank,
        *items,
        **_set(
            {"name": name, "style": style, **props},
            id=element_id,
            required=required or None,
            value=value,
            on_change=on_change,
            default_value=default_value,
        ),
    )
    if label_key is None:
        return select
    label_for = control_id or name  # element_id: a labelled select always has one
    return _with_error(labelled(label_key, label_for, select, width="100%" if full_width else None), label_for, error)


def country_field(
    name: str = "country",
    options: rx.Var | rx.Component | Sequence[tuple[str, str | rx.Var]] | None = None,
    *,
    value_key: str | int = "code",
    text_key: str | int = "label",
    **props,
) -> rx.Component:
    """The "Country/region" select. `options` defaults to every country/region, named (CLDR) and sorted in
    the UI language."""
    if options is None:
        options = country_options()
    return select_field("field.country", name, options, value_key=value_key, text_key=text_key, **props)


def error_callout(message: rx.Var) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("triangle-alert")),
            rx.callout.text(message),
            color_scheme="red",
            role="alert",
            width="100%",
        ),
    )


def success_callout(message: rx.Var) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("circle-check")),
            rx.callout.text(message),
            color_scheme="green",
            role="status",
            width="100%",
        ),
    )


def notices(error: rx.Var, message: rx.Var) -> rx.Component:
    """A state's error and success messages, one above the other."""
    return rx.vstack(error_callout(error), success_callout(message), width="100%")


def state_notices(state) -> rx.Component:
    """A page state's refusal and confirmation (`error`, `message`) above its content; a refusal about one of
    a form's controls (`error_field`: its id) shows under that control instead, not here as well."""
    return notices(rx.cond(state.error_field == "", state.error, ""), state.message)


def submit_button(label_key: str, busy: rx.Var, **props) -> rx.Component:
    return rx.button(T[label_key], type="submit", loading=busy, size="3", **props)


def card(*children, **props) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="4", width="100%"), width="100%", size="3", **props)
