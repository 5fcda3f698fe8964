from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def with_param(context, **changes):
    """The current query string with some parameters changed (None or "" removes one);
    changing a filter always returns to page 1."""
    params = context["params"].copy()
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def toggle_param(context, key, value):
    """A filter link: select ``key=value``, or clear it when it is already selected."""
    current = context["params"].get(key)
    return with_param(context, **{key: "" if current == str(value) else value})


@register.filter
def is_selected(params, key_value):
    key, _, value = key_value.partition("=")
    return params.get(key) == value
