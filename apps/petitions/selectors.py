"""Reads for the petition pages."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from apps.accounts import access
from apps.accounts.models import Scope
from apps.petitions import workflow
from apps.petitions.forms import ALL, CLOSED, MINE, OPEN
from apps.petitions.models import Petition


def get_petition_for_user(user, pk: int) -> Petition:
    """A petition the user may read (404 otherwise); what they may do to it is the
    workflow's answer (apps.petitions.workflow.allowed_actions)."""
    queryset = Petition.objects.select_related(
        "group__hamlet__commune", "hamlet", "commune", "meeting", "created_by"
    )
    return access.get_readable_or_404(user, queryset, pk=pk)


def queue_defaults(user) -> dict[str, str]:
    """Officials who handle petitions start on the open ones at their level; group leaders
    on all their group's petitions with the answers; the steering committee on all open."""
    roles = {scope.role for scope in access.scopes_of(user)}
    if user.is_superuser or roles & {Scope.Role.ADMIN, Scope.Role.COMMUNE, Scope.Role.HAMLET}:
        return {"trang_thai": OPEN, "cap": MINE}
    if Scope.Role.GROUP_LEADER in roles:
        return {"trang_thai": ALL, "cap": ALL}
    return {"trang_thai": OPEN, "cap": ALL}


def petition_queue(user, filters: dict) -> QuerySet[Petition]:
    """The user's petitions under `filters`: open before closed, the most overdue first."""
    petitions = access.readable(user, Petition).select_related("group", "hamlet", "commune")
    state = filters["trang_thai"]
    if state == OPEN:
        petitions = petitions.filter(state__in=workflow.OPEN)
    elif state == CLOSED:
        petitions = petitions.filter(state__in=Petition.CLOSED_STATES)
    elif state != ALL:
        petitions = petitions.filter(state=state)
    level = filters["cap"]
    if level == MINE:
        petitions = petitions.filter(workflow.handled_by(user))
    elif level != ALL:
        petitions = petitions.filter(level=level)
    if filters.get("linh_vuc"):
        petitions = petitions.filter(category=filters["linh_vuc"])
    if filters.get("ap"):
        petitions = petitions.filter(hamlet=filters["ap"])  # where it was raised
    if filters.get("tu"):
        petitions = petitions.filter(raised_on__gte=filters["tu"])
    if filters.get("den"):
        petitions = petitions.filter(raised_on__lte=filters["den"])
    closed_last = Case(
        When(state__in=Petition.CLOSED_STATES, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return petitions.order_by(closed_last, "due_on", "id")
