"""Every admin page loads for a superuser, in Vietnamese, with a bounded number of queries.

The registered models are read from the admin site, so a model registered later is
covered without editing this file; a domain model also needs an entry in FACTORIES.
"""

import pytest
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from apps.hierarchy.models import Group
from tests.factories import (
    AnswerDeadlineFactory,
    BoardMemberFactory,
    CommendationFactory,
    CommitteeAssignmentFactory,
    CommitteeMemberFactory,
    CommuneAssessmentFactory,
    CommuneFactory,
    DeliveryFactory,
    DistrictFactory,
    DocumentFactory,
    ExportLogFactory,
    FollowUpFactory,
    GroupAssessmentFactory,
    GroupFactory,
    GroupRoleFactory,
    HamletAssessmentFactory,
    HamletFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
    MeetingFactory,
    MobilisationBoardFactory,
    MonthApprovalFactory,
    MonthlyProgrammeFactory,
    OutreachSessionFactory,
    PartyOversightFactory,
    PersonFactory,
    PetitionFactory,
    SteeringCommitteeFactory,
    SupervisionVisitFactory,
    UserFactory,
    YearApprovalFactory,
)

pytestmark = pytest.mark.django_db

REGISTERED = [
    pytest.param(model, model_admin, id=model._meta.label)
    for model, model_admin in sorted(
        admin.site._registry.items(), key=lambda item: item[0]._meta.label
    )
]
DOMAIN = [param for param in REGISTERED if param.values[0].__module__.startswith("apps.")]

FACTORIES = {
    "accounts.User": UserFactory,
    "accounts.ExportLog": ExportLogFactory,
    "hierarchy.District": DistrictFactory,
    "hierarchy.Commune": CommuneFactory,
    "hierarchy.Hamlet": HamletFactory,
    "hierarchy.Group": GroupFactory,
    "people.Household": HouseholdFactory,
    "people.Person": PersonFactory,
    "people.GroupRole": GroupRoleFactory,
    "people.PartyOversight": PartyOversightFactory,
    "meetings.Meeting": MeetingFactory,
    "meetings.MonthlyProgramme": MonthlyProgrammeFactory,
    "meetings.OutreachSession": OutreachSessionFactory,
    "petitions.Petition": PetitionFactory,
    "petitions.AnswerDeadline": AnswerDeadlineFactory,
    "imports.RosterEntry": PersonFactory,
    "assessments.HouseholdAssessment": HouseholdAssessmentFactory,
    "assessments.GroupAssessment": GroupAssessmentFactory,
    "assessments.HamletAssessment": HamletAssessmentFactory,
    "assessments.CommuneAssessment": CommuneAssessmentFactory,
    "organisation.SteeringCommittee": SteeringCommitteeFactory,
    "organisation.CommitteeMember": CommitteeMemberFactory,
    "organisation.CommitteeAssignment": CommitteeAssignmentFactory,
    "organisation.MobilisationBoard": MobilisationBoardFactory,
    "organisation.BoardMember": BoardMemberFactory,
    "organisation.SupervisionVisit": SupervisionVisitFactory,
    "organisation.FollowUp": FollowUpFactory,
    "organisation.Commendation": CommendationFactory,
    "organisation.Document": DocumentFactory,
    "notices.Delivery": DeliveryFactory,
    "approvals.MonthApproval": MonthApprovalFactory,
    "approvals.YearApproval": YearApprovalFactory,
}


def label(model: type[models.Model]) -> str:
    return model._meta.label


def admin_url(model: type[models.Model], view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def test_the_admin_registers_the_domain_models():
    assert set(FACTORIES) <= {label(param.values[0]) for param in DOMAIN}


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED)
def test_changelist_loads_for_a_superuser(superuser_client, model, model_admin):
    response = superuser_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED)
def test_add_page_loads_for_a_superuser_when_the_admin_allows_adding(
    superuser_client, superuser, model, model_admin
):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    may_add = model_admin.has_add_permission(request)

    response = superuser_client.get(admin_url(model, "add"))

    assert response.status_code == (200 if may_add else 403)


@pytest.mark.parametrize(("model", "model_admin"), DOMAIN)
def test_change_page_of_a_domain_object_loads_for_a_superuser(superuser_client, model, model_admin):
    assert label(model) in FACTORIES, f"add a factory for {label(model)} to FACTORIES"
    obj = FACTORIES[label(model)]()

    response = superuser_client.get(admin_url(model, "change", obj.pk))

    assert response.status_code == 200
    assert response.context["original"] == obj


def test_admin_index_is_in_vietnamese(superuser_client):
    response = superuser_client.get(reverse("admin:index"))

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi"' in content
    # Django's own Vietnamese admin strings ("Welcome," and "Recent actions").
    assert "Chào mừng bạn," in content
    assert "Hoạt động gần đây" in content
    assert "Quản trị" in content


def test_admin_index_is_refused_to_a_visitor(client, db):
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# The group list does not query once per row.

GROUP_CHANGELIST_MAX_QUERIES = 10


def make_groups(count: int) -> None:
    hamlet = HamletFactory()
    GroupFactory.create_batch(count // 2, hamlet=hamlet)
    GroupFactory.create_batch(count - count // 2)


@pytest.mark.parametrize("count", [2, 30])
def test_group_changelist_query_count_does_not_grow_with_groups(
    superuser_client, django_assert_max_num_queries, count
):
    make_groups(count)

    with django_assert_max_num_queries(GROUP_CHANGELIST_MAX_QUERIES):
        response = superuser_client.get(admin_url(Group, "changelist"))

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == count


def test_group_changelist_runs_the_same_queries_for_2_and_30_groups(
    superuser_client, django_assert_max_num_queries
):
    make_groups(2)
    with django_assert_max_num_queries(GROUP_CHANGELIST_MAX_QUERIES) as few:
        superuser_client.get(admin_url(Group, "changelist"))

    make_groups(28)
    with django_assert_max_num_queries(GROUP_CHANGELIST_MAX_QUERIES) as many:
        response = superuser_client.get(admin_url(Group, "changelist"))

    assert len(response.context["cl"].result_list) == 30
    assert len(many) == len(few)


@pytest.mark.parametrize(("model", "model_admin"), DOMAIN)
def test_domain_changelist_query_count_does_not_grow_with_rows(
    superuser_client, django_assert_max_num_queries, model, model_admin
):
    factory = FACTORIES[label(model)]
    factory.create_batch(2)
    with django_assert_max_num_queries(50) as few:
        superuser_client.get(admin_url(model, "changelist"))

    factory.create_batch(20)
    with django_assert_max_num_queries(50) as many:
        superuser_client.get(admin_url(model, "changelist"))

    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)
