"""Every route that takes an object id refuses objects outside the user's scope.

The routes are read from the URL resolver, so a new route is covered (or, if
its id parameter is unknown here, fails loudly) without editing this test.
"""

import datetime
import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from apps.accounts import access
from apps.accounts.models import ExportLog, Scope, User
from apps.approvals import services as approvals
from apps.approvals.models import MonthApproval, YearApproval
from apps.core.periods import Month
from apps.hierarchy import reorganise
from apps.hierarchy.models import Commune, District, Group, Hamlet, Reorganisation
from apps.imports.models import PendingImport
from apps.jobs.models import Job
from apps.jobs.services import job_start
from apps.meetings.models import OutreachSession
from apps.organisation.models.boards import BoardMember, MobilisationBoard
from apps.organisation.models.commendations import Commendation
from apps.organisation.models.committees import (
    CommitteeAssignment,
    CommitteeMember,
    SteeringCommittee,
)
from apps.organisation.models.documents import Document
from apps.organisation.models.visits import FollowUp, SupervisionVisit
from apps.petitions.models import Petition
from tests.conftest import PASSWORD, make_user
from tests.factories import (
    AnswerDeadlineFactory,
    BoardMemberFactory,
    CommendationFactory,
    CommitteeAssignmentFactory,
    CommitteeMemberFactory,
    CommuneAssessmentFactory,
    DistrictFactory,
    DocumentFactory,
    FollowUpFactory,
    GroupAssessmentFactory,
    GroupRoleFactory,
    HamletAssessmentFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
    MeetingFactory,
    MobilisationBoardFactory,
    MonthlyProgrammeFactory,
    OutreachSessionFactory,
    PartyOversightFactory,
    PersonFactory,
    PetitionEventFactory,
    PetitionFactory,
    SteeringCommitteeFactory,
    SupervisionVisitFactory,
)

ID_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")
ADMIN_MODEL_ROUTE = re.compile(r"^admin/(\w+)/(\w+)/")
DOMAIN_APPS = (
    "hierarchy",
    "people",
    "accounts",
    "meetings",
    "petitions",
    "assessments",
    "imports",
    "organisation",
    "approvals",
)


def _routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def object_routes() -> list[str]:
    """Routes with a parameter naming an object (not app or model names, not free text)."""
    names = {"app_label", "url", "year", "month", "name"}  # not objects: dates, chart names
    return [
        route
        for route in _routes()
        if any((m.group(2) or m.group(3)) not in names for m in ID_PARAMETER.finditer(route))
    ]


def _model_of(route: str, parameter: str):
    admin_model = ADMIN_MODEL_ROUTE.match(route)
    if admin_model and parameter == "object_id":
        return apps.get_model(*admin_model.groups())
    if admin_model and parameter in {"id", "version_id"}:
        return apps.get_model(*admin_model.groups())
    return {
        "user_id": User,
        "group_id": Group,
        "commune_id": Commune,
        "session_id": OutreachSession,
        "petition_id": Petition,
        "district_id": District,
        "hamlet_id": Hamlet,
        "pending_id": PendingImport,
        "job_id": Job,
        "committee_id": SteeringCommittee,
        "member_id": CommitteeMember,
        "assignment_id": CommitteeAssignment,
        "board_id": MobilisationBoard,
        "board_member_id": BoardMember,
        "visit_id": SupervisionVisit,
        "follow_up_id": FollowUp,
        "commendation_id": Commendation,
        "document_id": Document,
        "reorganisation_id": Reorganisation,
        "approval_id": MonthApproval,
        "year_approval_id": YearApproval,
    }.get(parameter)


def _fill(route: str, values: dict[str, str]) -> str:
    def replace(match):
        return values[match.group(2) or match.group(3)]

    path = ID_PARAMETER.sub(replace, route)
    return "/" + path.lstrip("^").rstrip("$")


@pytest.fixture
def b_side(world):
    """One object of every domain model in commune B, and commune B's official."""
    DistrictFactory()  # a district no official of this district may open
    PersonFactory(household__group=world.b.group)
    GroupRoleFactory(group=world.b.group)
    PartyOversightFactory(group=world.b.group, person__household__group=world.b.group)
    PetitionEventFactory(petition=PetitionFactory(meeting=MeetingFactory(group=world.b.group)))
    AnswerDeadlineFactory(district=world.district)
    household = HouseholdFactory(group=world.b.group)
    HouseholdAssessmentFactory(household=household)
    GroupAssessmentFactory(group=world.b.group)
    HamletAssessmentFactory(hamlet=world.b.hamlet)
    CommuneAssessmentFactory(commune=world.b.commune)
    MonthlyProgrammeFactory(commune=world.b.commune)
    OutreachSessionFactory(unit=world.b.group)
    committee = SteeringCommitteeFactory(commune=world.b.commune)
    member = CommitteeMemberFactory(committee=committee)
    CommitteeAssignmentFactory(member=member, hamlet=world.b.hamlet)
    BoardMemberFactory(board=MobilisationBoardFactory(hamlet=world.b.hamlet))
    FollowUpFactory(visit=SupervisionVisitFactory(unit=world.b.hamlet, members=[member]))
    CommendationFactory(unit=world.b.group)
    DocumentFactory(unit=world.b.commune)
    official = make_user(Scope.Role.COMMUNE, world.b.commune, is_staff=True)
    administrator = make_user(Scope.Role.ADMIN, world.district)
    reorganise.rename(
        world.b.hamlet, name="Ấp Mỹ Hội Mới", on=datetime.date(2025, 7, 1), by=administrator
    )
    ExportLog.objects.create(user=official, what="Bình xét 2025", rows=1)
    for unit in (world.b.commune, world.b.hamlet):  # approved and locked: open to unlocking
        approvals.month_approve(unit=unit, month=Month(2025, 10), reason="Bão lũ", user=official)
    approvals.year_approve(commune=world.b.commune, year=2025, reason="", user=official)
    PendingImport.objects.create(user=official, kind="x", target={}, rows=[], file_name="a.xlsx")
    job_start(owner=official, kind="x", title="x", handler="apps.jobs.services.purge_expired")
    # Login records (django-axes) exist too, so their admin routes are walked with real ids.
    Client().post("/dang-nhap/", {"username": official.username, "password": PASSWORD})
    Client().post("/dang-nhap/", {"username": official.username, "password": "wrong"})
    return official


def _object_in(model, insider: User, outsider: User):
    if model is User:
        return insider
    if not access.is_scoped(model):
        # Not a domain record (login attempts and the like): no official may open any.
        return model._default_manager.first()
    hidden = model._default_manager.exclude(pk__in=access.readable(outsider, model).values("pk"))
    return access.readable(insider, hidden).first() or hidden.first()


def _row(row: tuple) -> str:
    # Binary columns come back as memoryview on PostgreSQL, whose repr is its address.
    return repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))


def _snapshot() -> dict:
    """Every row of every domain table (many-to-many tables too), read without the ORM: the
    walk reads them twice per route."""
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in DOMAIN_APPS
    }
    with connection.cursor() as cursor:
        rows = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows[table] = sorted(map(_row, cursor.fetchall()))
    return rows


def _walk(client, outsider: User, insider: User):
    client.force_login(outsider)
    checked = 0
    for route in object_routes():
        parameters = [m.group(2) or m.group(3) for m in ID_PARAMETER.finditer(route)]
        if "content_type_id" in parameters:
            continue  # checked per model below
        values = {"year": "2026", "month": "1", "name": "meetings"}
        for parameter in parameters:
            if parameter in values:
                continue
            model = _model_of(route, parameter)
            assert model is not None, f"{route}: teach this test the model of <{parameter}>"
            if parameter == "version_id":
                obj = _object_in(model, insider, outsider)
                record = (
                    obj.history.first() if obj is not None and hasattr(obj, "history") else None
                )
                values[parameter] = str(record.history_id) if record else "1"
                continue
            obj = _object_in(model, insider, outsider)
            assert obj is not None or model._meta.app_label not in DOMAIN_APPS, route
            values[parameter] = str(obj.pk) if obj is not None else ""
        if "" in values.values():
            continue  # a non-domain model with no record at all: there is nothing to reveal
        url = _fill(route, values)
        if ADMIN_MODEL_ROUTE.match(route) and route.endswith("<path:object_id>/"):
            # The admin's old-style URL only redirects to the change page, walked on its own.
            response = client.get(url)
            assert response.status_code == 302 and response.url == f"{url}change/", url
            continue
        before = _snapshot()
        for method in (client.get, client.post):
            status = method(url).status_code
            # 405: a POST-only route refuses GET before looking at any object.
            refused = (403, 404, 405) if method == client.get else (403, 404)
            assert status in refused, f"{method.__name__.upper()} {url} answered {status}"
        assert _snapshot() == before, f"POST {url} changed the database"
        checked += 1
    return checked


def test_commune_official_gets_nothing_of_another_commune_on_any_route(client, world, b_side):
    outsider = make_user(Scope.Role.COMMUNE, world.a.commune, is_staff=True)
    assert _walk(client, outsider, b_side) >= 20


def test_group_leader_gets_nothing_of_another_group_on_any_route(client, world, b_side):
    outsider = make_user(Scope.Role.GROUP_LEADER, world.a.group, is_staff=True)
    insider = make_user(Scope.Role.GROUP_LEADER, world.b.group)
    assert _walk(client, outsider, insider) >= 20


def test_the_view_on_site_shortcut_reveals_nothing(client, world, b_side):
    outsider = make_user(Scope.Role.COMMUNE, world.a.commune, is_staff=True)
    client.force_login(outsider)
    for model in apps.get_models():
        if model._meta.app_label not in DOMAIN_APPS or model is User:
            continue
        obj = _object_in(model, b_side, outsider)
        if obj is None:
            continue
        content_type = ContentType.objects.get_for_model(model)
        response = client.get(f"/admin/r/{content_type.pk}/{obj.pk}/")
        assert response.status_code == 404, model


REORGANISATION_PAGES = [
    "/to-chuc-lai/",
    "/to-chuc-lai/doi-ten/",
    "/to-chuc-lai/chuyen/",
    "/to-chuc-lai/sap-nhap/?cap=xa",
    "/to-chuc-lai/sap-nhap/?cap=ap",
    "/to-chuc-lai/sap-nhap/?cap=to",
    "/to-chuc-lai/chia-tach/",
    "/to-chuc-lai/ket-thuc-huyen/",
]


@pytest.mark.parametrize("role", ["steering", "commune", "hamlet", "group_leader"])
def test_only_administrators_open_the_reorganisation_pages(client, world, role):
    unit = {"steering": world.district, "commune": world.a.commune, "hamlet": world.a.hamlet}
    client.force_login(make_user(role, unit.get(role, world.a.group)))
    for url in REORGANISATION_PAGES:
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url


def test_administrators_open_the_reorganisation_pages(client, admin_user):
    client.force_login(admin_user)
    for url in REORGANISATION_PAGES:
        assert client.get(url).status_code == 200, url
