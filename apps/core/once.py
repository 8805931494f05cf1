"""A form sent twice saves once.

Forms that a phone may queue while it has no signal carry a hidden `save_key`
(a UUID made when the form is shown, kept with the draft). The first save
carrying a key claims it in the same transaction as its writes; a later one
with the same key (the queue sending again, a double tap) writes nothing and
gets the first one's answer. A save that is refused (invalid, or a conflict)
rolls its claim back, so the corrected form can be sent with the same key.

Every confirmed save also tells the phone which draft it has taken in: the
`saved_drafts` cookie lists the last few keys, and the drafts' script removes
a draft only when its key is there (static/js/forms.js).
"""

import datetime
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from apps.core.models import SaveKey

FIELD = "save_key"
COOKIE = "saved_drafts"
COOKIE_KEYS = 5  # a handful is enough: each page load reads it at once
COOKIE_AGE = 2 * 24 * 60 * 60
# How long a claimed key is kept. A phone resends a queued save when its signal comes
# back: within hours, a few days after a storm at most. The drafts' script offers a draft
# back for 7 days (static/js/forms.js), and a login lasts 2 weeks, after which a queued
# save meets the login page before it is sent again. A copy still coming after 30 days
# is not plausible; keeping every key for ever would only grow the table.
KEYS_KEPT = datetime.timedelta(days=30)


class SavedBefore(Exception):
    """The key was claimed by another request that has since committed."""


def new_key() -> str:
    return uuid.uuid4().hex


def posted_key(request: HttpRequest) -> uuid.UUID | None:
    """The key the form carries; None without one (a form from before keys, or tampered)."""
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def saved_redirect(request: HttpRequest, url: str) -> HttpResponse:
    """The answer to a confirmed save: the page it leads to, and its key in the cookie."""
    response = redirect(url)
    key = posted_key(request)
    if key is not None:
        earlier = [k for k in request.COOKIES.get(COOKIE, "").split(".") if k and k != key.hex]
        response.set_cookie(
            COOKIE,
            ".".join([*earlier[-(COOKIE_KEYS - 1) :], key.hex]),
            max_age=COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=False,  # the drafts' script reads it
        )
    return response


def answer_if_saved(request: HttpRequest) -> HttpResponse | None:
    """The first save's answer if this form's key was already saved, else None.

    Called after the view's own scope checks, before validating: a replay must
    not meet the conflict its own first copy would cause.
    """
    key = posted_key(request)
    done = SaveKey.objects.filter(key=key).first() if key else None
    if done is None:
        return None
    if done.user_id != request.user.pk:
        raise PermissionDenied
    return saved_redirect(request, done.done_url)


class Claim:
    def __init__(self, row: SaveKey | None) -> None:
        self.row = row
        self.done_url = ""


@contextmanager
def saving(request: HttpRequest) -> Iterator[Claim]:
    """Claim the form's key, then run the save; set `claim.done_url` to its success page.

    The claim and the writes share one savepoint: if the save raises, both are
    undone. A copy of the same form racing this one waits on the key's unique
    index and then gets SavedBefore.
    """
    key = posted_key(request)
    with transaction.atomic():
        row = None
        if key is not None:
            try:
                with transaction.atomic():
                    row = SaveKey.objects.create(key=key, user=request.user)
            except IntegrityError:
                raise SavedBefore from None
        claim = Claim(row)
        yield claim
        if row is not None:
            row.done_url = claim.done_url
            row.save(update_fields=["done_url"])


def forget_old_keys(now: datetime.datetime | None = None) -> int:
    """Delete the keys claimed more than `KEYS_KEPT` ago (a daily job, apps.jobs.daily);
    returns how many."""
    deleted, _ = SaveKey.objects.filter(saved_at__lt=(now or timezone.now()) - KEYS_KEPT).delete()
    return deleted
