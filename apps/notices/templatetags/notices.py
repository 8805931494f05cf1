"""The user's reminders, listed on the start pages: `{% load notices %}{% user_notices %}`."""

from django import template

from apps.notices import messages
from apps.notices.selectors import recent_notices

register = template.Library()


@register.inclusion_tag("notices/_list.html", takes_context=True)
def user_notices(context, hide_empty: bool = False) -> dict:
    """The list, with a link to the user's choices; nothing at all if empty and `hide_empty`."""
    user = context["request"].user
    notices = list(recent_notices(user)) if user.is_authenticated else []
    return {
        "notices": [(n, messages.text(n), messages.link(n)) for n in notices],
        "csrf_token": context.get("csrf_token"),
        "request_path": context["request"].get_full_path(),
        "hide_empty": hide_empty,
    }
