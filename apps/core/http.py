from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted form data, or None on GET.

    Not `request.POST or None`: an empty submission is still a submission and
    must be validated (and answered with errors), not shown as a fresh form.
    """
    return request.POST if request.method == "POST" else None
