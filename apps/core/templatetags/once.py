from django import template
from django.utils.html import format_html

from apps.core import once

register = template.Library()


@register.simple_tag(takes_context=True)
def save_key_field(context) -> str:
    """The form's one-time key (apps.core.once): the posted one on a refused save, so the
    corrected form is the same save, else a new one."""
    request = context["request"]
    key = once.posted_key(request) if request.method == "POST" else None
    return format_html(
        '<input type="hidden" name="{}" value="{}">', once.FIELD, key.hex if key else once.new_key()
    )
