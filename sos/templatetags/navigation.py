from django import template

from sos.navigation import safe_next

register = template.Library()


@register.simple_tag(takes_context=True)
def back_to(context, default: str) -> str:
    """Where a form's Cancel goes: where the action started (sos.navigation), else `default`,
    so cancelling returns to the same page as saving does."""
    return safe_next(context["request"], default)
