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
from tests import factories

pytestmark = pytest.mark.django_db

REGISTERED = [
    pytest.param(model, model_admin, id=model._meta.label)
    for model, model_admin in sorted(
        admin.site._registry.items(), key=lambda item: item[0]._meta.label
    )
]
DOMAIN = [param for param in REGISTERED if param.values[0].__module__.startswith("apps.")]

FACTORIES = {
    "accounts.User": factories.UserFactory,
    "accounts.ExportLog": factories.ExportLogFactory,
    "hierarchy.District": factories.DistrictFactory,
    "hierarchy.Commune": factories.CommuneFactory,
    "hierarchy.Hamlet": factories.HamletFactory,
    "hierarchy.Group": factories.GroupFactory,
    "people.Household": factories.HouseholdFactory,
    "people.Person": factories.PersonFactory,
    "people.GroupRole": factories.GroupRoleFactory,
    "people.PartyOversight": factories.PartyOversightFactory,
    "meetings.Meeting": factories.MeetingFactory,
    "meetings.MonthlyProgramme": factories.MonthlyProgrammeFactory,
    "meetings.OutreachSession": factories.OutreachSessionFactory,
    "petitions.Petition": factories.PetitionFactory,
    "petitions.AnswerDeadline": factories.AnswerDeadlineFactory,
    "imports.RosterEntry": factories.PersonFactory,
    "assessments.HouseholdAssessment": factories.HouseholdAssessmentFactory,
    "assessments.GroupAssessment": factories.GroupAssessmentFactory,
    "assessments.HamletAssessment": factories.HamletAssessmentFactory,
    "assessments.CommuneAssessment": factories.CommuneAssessmentFactory,
    "organisation.SteeringCommittee": factories.SteeringCommitteeFactory,
    "organisation.CommitteeMember": factories.CommitteeMemberFactory,
    "organisation.CommitteeAssignment": factories.CommitteeAssignmentFactory,
    "organisation.MobilisationBoard": factories.MobilisationBoardFactory,
    "organisation.BoardMember": factories.BoardMemberFactory,
    "organisation.SupervisionVisit": factories.SupervisionVisitFactory,
    "organisation.FollowUp": factories.FollowUpFactory,
    "organisation.Commendation": factories.CommendationFactory,
    "organisation.Document": factories.DocumentFactory,
    "notices.Delivery": factories.DeliveryFactory,
    "approvals.MonthApproval": factories.MonthApprovalFactory,
    "approvals.YearApproval": factories.YearApprovalFactory,
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
    hamlet = factories.HamletFactory()
    factories.GroupFactory.create_batch(count // 2, hamlet=hamlet)
    factories.GroupFactory.create_batch(count - count // 2)


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
