"""The error summary shown at the top of a refused form: every message, each a link to its field.

forms.js moves the focus to the summary when the page opens, so a phone shows it at once
instead of leaving the messages a few screens down.
"""

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("core/error_summary.html")
def error_summary(*forms_or_formsets, title: str = "") -> dict:
    """`{% error_summary form petitions %}`: forms and formsets, in the order of the page."""
    items: list[tuple[str, str]] = []
    for each in forms_or_formsets:
        if isinstance(each, forms.BaseFormSet):
            items += [("", message) for message in each.non_form_errors()]
            for number, form in enumerate(each.forms, start=1):
                items += _form_items(form, row=number)
        elif isinstance(each, forms.BaseForm):  # a formset a page may lack is simply skipped
            items += _form_items(each)
    return {"items": items, "title": title}


def _form_items(form: forms.BaseForm, row: int | None = None) -> list[tuple[str, str]]:
    """(the field's id or "", the message) for each error of a bound form."""
    if not form.is_bound:
        return []
    items = [("", message) for message in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name not in form.fields:
            continue
        field = form[name]
        label = str(getattr(form, "error_labels", {}).get(name) or field.label or "")
        if row is not None:
            label = _("%(label)s (row %(row)s)") % {"label": label, "row": row}
        # A hidden field or a bare button has nothing to take the focus: the message stays text.
        target = "" if field.is_hidden or not field.auto_id else field.id_for_label
        for message in messages:
            items.append((target, f"{label}: {message}" if label else message))
    return items
