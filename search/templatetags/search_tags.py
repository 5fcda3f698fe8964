from urllib.parse import urlencode

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def with_param(context, **changes):
    """The current query string with some parameters changed (None or "" removes one);
    changing a filter always returns to page 1. Built from pairs rather than a copied
    QueryDict: a results page has a link per facet value, dozens of them."""
    params = context["params"]
    if "page" not in changes:
        changes["page"] = None
    pairs = []
    for key, values in params.lists():
        if key not in changes:
            pairs.extend((key, value) for value in values)
        elif changes[key] not in (None, ""):
            pairs.append((key, changes[key]))
    pairs.extend(
        (key, value)
        for key, value in changes.items()
        if key not in params and value not in (None, "")
    )
    return "?" + urlencode(pairs)


@register.simple_tag(takes_context=True)
def toggle_param(context, key, value):
    """A filter link: select ``key=value``, or clear it when it is already selected."""
    current = context["params"].get(key)
    return with_param(context, **{key: "" if current == str(value) else value})


@register.filter
def is_selected(params, key_value):
    key, _, value = key_value.partition("=")
    return params.get(key) == value
