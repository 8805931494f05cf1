"""Typed factory_boy factories for the domain."""

import datetime

import factory
from django.utils import timezone

from apps.accounts.models import ExportLog, Scope, User
from apps.assessments.models import (
    CommuneAssessment,
    GroupAssessment,
    HamletAssessment,
    HouseholdAssessment,
)
from apps.hierarchy.models import Commune, District, Group, Hamlet
from apps.meetings.models import Meeting, MonthlyProgramme, OutreachSession
from apps.people.models import GroupRole, Household, PartyOversight, Person
from apps.petitions.models import AnswerDeadline, Petition, PetitionEvent


class DistrictFactory(factory.django.DjangoModelFactory[District]):
    class Meta:
        model = District

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"Huyện {n}")
    province = "Tỉnh Đồng Tháp"


class CommuneFactory(factory.django.DjangoModelFactory[Commune]):
    class Meta:
        model = Commune

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"C{n:04d}")
    name = factory.Sequence(lambda n: f"Xã {n}")


class HamletFactory(factory.django.DjangoModelFactory[Hamlet]):
    class Meta:
        model = Hamlet

    commune = factory.SubFactory(CommuneFactory)
    code = factory.Sequence(lambda n: f"H{n:04d}")
    name = factory.Sequence(lambda n: f"Ấp {n}")


class GroupFactory(factory.django.DjangoModelFactory[Group]):
    class Meta:
        model = Group

    hamlet = factory.SubFactory(HamletFactory)
    code = factory.Sequence(lambda n: f"G{n:05d}")
    name = factory.Sequence(lambda n: f"Tổ {n}")
    status = Group.Status.ACTIVE
    planned_on = datetime.date(2019, 1, 1)
    activated_on = datetime.date(2019, 3, 1)


class HouseholdFactory(factory.django.DjangoModelFactory[Household]):
    class Meta:
        model = Household

    group = factory.SubFactory(GroupFactory)
    code = factory.Sequence(lambda n: f"HH{n:05d}")
    address = factory.Sequence(lambda n: f"Số {n}, Đường Lê Lợi")


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    household = factory.SubFactory(HouseholdFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    gender = Person.Gender.MALE
    birth_year = 1975


class GroupRoleFactory(factory.django.DjangoModelFactory[GroupRole]):
    class Meta:
        model = GroupRole

    group = factory.SubFactory(GroupFactory)
    person = factory.SubFactory(PersonFactory, household__group=factory.SelfAttribute("...group"))
    role = GroupRole.Role.LEADER
    started_on = datetime.date(2019, 3, 1)


class PartyOversightFactory(factory.django.DjangoModelFactory[PartyOversight]):
    class Meta:
        model = PartyOversight

    group = factory.SubFactory(GroupFactory)
    person = factory.SubFactory(PersonFactory, is_party_member=True)
    started_on = datetime.date(2019, 3, 1)


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class ScopeFactory(factory.django.DjangoModelFactory[Scope]):
    class Meta:
        model = Scope

    user = factory.SubFactory(UserFactory)
    role = Scope.Role.COMMUNE


class MeetingFactory(factory.django.DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    month = datetime.date(2025, 10, 1)
    held_on = factory.LazyAttribute(lambda m: m.month.replace(day=10))
    attendees = 20
    households_represented = 15
    households_total = 25
    theme_safety = True
    minutes = "Phổ biến phòng chống trộm cắp; nhắc vệ sinh đường làng."
    recorded_on = factory.LazyAttribute(lambda m: m.month.replace(day=12))


class PetitionFactory(factory.django.DjangoModelFactory[Petition]):
    class Meta:
        model = Petition

    meeting = None
    group = factory.LazyAttribute(lambda p: p.meeting.group if p.meeting else GroupFactory())
    raised_on = datetime.date(2025, 10, 10)
    due_on = datetime.date(2025, 10, 25)
    content = "Đề nghị sửa đèn đường đầu hẻm."
    category = Petition.Category.INFRASTRUCTURE


class MonthlyProgrammeFactory(factory.django.DjangoModelFactory[MonthlyProgramme]):
    class Meta:
        model = MonthlyProgramme

    commune = factory.SubFactory(CommuneFactory)
    month = datetime.date(2025, 10, 1)
    theme_safety = True
    theme_defence = True
    talking_points = "Phòng chống ma túy trong thanh thiếu niên."


class OutreachSessionFactory(factory.django.DjangoModelFactory[OutreachSession]):
    """`unit` is the district, commune, hamlet or group holding the session."""

    class Meta:
        model = OutreachSession

    unit = factory.SubFactory(GroupFactory)
    held_on = datetime.date(2025, 10, 20)
    theme = "Luật An ninh mạng"
    attendees = 45

    @classmethod
    def _create(cls, model_class, *args, unit, **kwargs):
        session = model_class(**kwargs)
        session.set_unit(unit)
        session.save()
        return session


class PetitionEventFactory(factory.django.DjangoModelFactory[PetitionEvent]):
    class Meta:
        model = PetitionEvent

    petition = factory.SubFactory(PetitionFactory)
    action = PetitionEvent.Action.RAISED
    state = Petition.State.RECEIVED
    level = Petition.Level.GROUP
    at = factory.LazyFunction(timezone.now)


class AnswerDeadlineFactory(factory.django.DjangoModelFactory[AnswerDeadline]):
    class Meta:
        model = AnswerDeadline

    district = factory.SubFactory(DistrictFactory)
    level = Petition.Level.GROUP
    days = 10


class HouseholdAssessmentFactory(factory.django.DjangoModelFactory[HouseholdAssessment]):
    class Meta:
        model = HouseholdAssessment

    household = factory.SubFactory(HouseholdFactory)
    year = 2025


class GroupAssessmentFactory(factory.django.DjangoModelFactory[GroupAssessment]):
    class Meta:
        model = GroupAssessment

    group = factory.SubFactory(GroupFactory)
    year = 2025
    safe = True


class HamletAssessmentFactory(factory.django.DjangoModelFactory[HamletAssessment]):
    class Meta:
        model = HamletAssessment

    hamlet = factory.SubFactory(HamletFactory)
    year = 2025
    safe = True


class CommuneAssessmentFactory(factory.django.DjangoModelFactory[CommuneAssessment]):
    class Meta:
        model = CommuneAssessment

    commune = factory.SubFactory(CommuneFactory)
    year = 2025
    cultural_standard = True


class ExportLogFactory(factory.django.DjangoModelFactory[ExportLog]):
    class Meta:
        model = ExportLog

    user = factory.SubFactory(UserFactory)
    what = "Bình xét hộ năm 2025 của Tổ 1"
    rows = 25
