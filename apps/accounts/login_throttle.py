"""Login throttling: who is locked out after failed logins (django-axes handler).

The officials of a whole commune often reach us from one mobile-carrier address, so an
address alone must not be locked after a few typos. A login is refused when:

- its user name has failed AXES_FAILURE_LIMIT times from its address (a guesser), or
- its address has failed LOGIN_ADDRESS_FAILURE_LIMIT times over all user names (a spray),
  a limit far above what one office's typos reach.

Both count failures within AXES_COOLOFF_TIME. AXES_LOCKOUT_PARAMETERS is the user name and
address together, so axes records, counts and clears (on success) per pair; the address
total is added here.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's address, over every user name, within the cool-off."""
    recent = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginThrottleHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """The failures that count against this login, compared by axes with its limit."""
        failures = super().get_failures(request, credentials)  # this user name, this address
        if address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures
