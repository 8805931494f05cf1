"""Typed factory_boy factories for the domain."""

import datetime

import factory
from django.utils import timezone

from apps.accounts.models import ExportLog, Scope, User
from apps.approvals.models import MonthApproval, YearApproval
from apps.assessments.models import (
    CommuneAssessment,
    GroupAssessment,
    HamletAssessment,
    HouseholdAssessment,
)
from apps.hierarchy.models import Commune, District, Group, Hamlet
from apps.meetings.models import Meeting, MonthlyProgramme, OutreachSession
from apps.notices.models import Channel, Delivery, Notice, Rule
from apps.organisation.models.boards import BoardMember, MobilisationBoard
from apps.organisation.models.commendations import Commendation
from apps.organisation.models.committees import (
    CommitteeAssignment,
    CommitteeMember,
    SteeringCommittee,
)
from apps.organisation.models.documents import Document
from apps.organisation.models.visits import FollowUp, SupervisionVisit
from apps.people.memberships import PartyMembership
from apps.people.models import GroupRole, Household, PartyOversight, Person
from apps.petitions.models import AnswerDeadline, Petition, PetitionEvent


class DistrictFactory(factory.django.DjangoModelFactory[District]):
    class Meta:
        model = District

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"Huyện {n}")
    province = "Tỉnh Đồng Tháp"
    started_on = datetime.date(2000, 1, 1)


class CommuneFactory(factory.django.DjangoModelFactory[Commune]):
    class Meta:
        model = Commune

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"C{n:04d}")
    name = factory.Sequence(lambda n: f"Xã {n}")
    started_on = datetime.date(2000, 1, 1)


class HamletFactory(factory.django.DjangoModelFactory[Hamlet]):
    class Meta:
        model = Hamlet

    commune = factory.SubFactory(CommuneFactory)
    code = factory.Sequence(lambda n: f"H{n:04d}")
    name = factory.Sequence(lambda n: f"Ấp {n}")
    started_on = datetime.date(2000, 1, 1)


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
        skip_postgeneration_save = True

    household = factory.SubFactory(HouseholdFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    gender = Person.Gender.MALE
    birth_year = 1975

    @factory.post_generation
    def is_party_member(person, create: bool, member: bool | None, **kwargs) -> None:
        """`is_party_member=True`: a party member from an unknown day, still one."""
        if member:
            PartyMembership.objects.create(person=person)


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
    recorded_on = factory.SelfAttribute("raised_on")  # entered the day it was received
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
    on = factory.SelfAttribute("petition.raised_on")
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


# Steering committees, mobilisation boards, supervision visits, commendations, documents.


class SteeringCommitteeFactory(factory.django.DjangoModelFactory[SteeringCommittee]):
    """A commune's committee; pass `commune=None` (and a district) for the district's."""

    class Meta:
        model = SteeringCommittee

    commune = factory.SubFactory(CommuneFactory)
    district = factory.LazyAttribute(
        lambda c: c.commune.district if c.commune else DistrictFactory()
    )
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-UBND")
    decision_date = datetime.date(2019, 3, 1)
    issued_by = "Ủy ban nhân dân"
    established_on = datetime.date(2019, 3, 1)


class CommitteeMemberFactory(factory.django.DjangoModelFactory[CommitteeMember]):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(SteeringCommitteeFactory)
    full_name = factory.Sequence(lambda n: f"Trần Văn {n}")
    position = "Thành viên"
    organisation = CommitteeMember.Organisation.POLICE
    started_on = datetime.date(2019, 3, 1)


class CommitteeAssignmentFactory(factory.django.DjangoModelFactory[CommitteeAssignment]):
    """A commune committee member overseeing a hamlet of the commune."""

    class Meta:
        model = CommitteeAssignment

    member = factory.SubFactory(CommitteeMemberFactory)
    hamlet = factory.LazyAttribute(lambda a: HamletFactory(commune=a.member.committee.commune))
    started_on = datetime.date(2019, 3, 1)


class MobilisationBoardFactory(factory.django.DjangoModelFactory[MobilisationBoard]):
    class Meta:
        model = MobilisationBoard

    hamlet = factory.SubFactory(HamletFactory)
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-UBND")
    decision_date = datetime.date(2019, 4, 1)
    issued_by = "Ủy ban nhân dân xã"
    established_on = datetime.date(2019, 4, 1)


class BoardMemberFactory(factory.django.DjangoModelFactory[BoardMember]):
    class Meta:
        model = BoardMember

    board = factory.SubFactory(MobilisationBoardFactory)
    full_name = factory.Sequence(lambda n: f"Lê Thị {n}")
    position = "Trưởng ban"
    started_on = datetime.date(2019, 4, 1)


class SupervisionVisitFactory(factory.django.DjangoModelFactory[SupervisionVisit]):
    """`unit` is the commune, hamlet or group visited; `members` default to one member of
    the unit's commune committee."""

    class Meta:
        model = SupervisionVisit
        skip_postgeneration_save = True

    unit = factory.SubFactory(HamletFactory)
    visited_on = datetime.date(2026, 9, 15)
    findings = "Tổ sinh hoạt đều, biên bản đầy đủ."
    shortcomings = "Một số hộ chưa dự họp."

    @classmethod
    def _create(cls, model_class, *args, unit, **kwargs):
        visit = model_class(**kwargs)
        visit.set_unit(unit)
        visit.save()
        return visit

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [CommitteeMemberFactory(committee__commune=self.commune)]
        self.members.set(extracted)


class FollowUpFactory(factory.django.DjangoModelFactory[FollowUp]):
    class Meta:
        model = FollowUp

    visit = factory.SubFactory(SupervisionVisitFactory)
    action = "Nhắc tổ ghi biên bản đúng hạn."
    due_on = datetime.date(2026, 10, 15)


class CommendationFactory(factory.django.DjangoModelFactory[Commendation]):
    """`unit` is the unit commended, or the one the named person works in."""

    class Meta:
        model = Commendation

    unit = factory.SubFactory(HamletFactory)
    person_name = ""
    year = 2025
    title = "Giấy khen"
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-KT")
    decision_date = datetime.date(2026, 1, 15)
    achievement = "Hoàn thành xuất sắc phong trào tổ dân phòng liên kết."

    @classmethod
    def _create(cls, model_class, *args, unit, **kwargs):
        commendation = model_class(**kwargs)
        commendation.set_unit(unit)
        commendation.save()
        return commendation


class DocumentFactory(factory.django.DjangoModelFactory[Document]):
    """A document without a file; `unit` is the district or the commune it belongs to."""

    class Meta:
        model = Document

    unit = factory.SubFactory(DistrictFactory)
    number = factory.Sequence(lambda n: f"{n}/QĐ-UBND")
    issued_on = datetime.date(2019, 2, 20)
    issued_by = "Ủy ban nhân dân huyện"
    title = "Quy chế hoạt động của tổ dân phòng liên kết"

    @classmethod
    def _create(cls, model_class, *args, unit, **kwargs):
        document = model_class(**kwargs)
        document.set_unit(unit)
        document.save()
        return document


# Reminders and their send log.


class NoticeFactory(factory.django.DjangoModelFactory[Notice]):
    class Meta:
        model = Notice

    user = factory.SubFactory(UserFactory)
    rule = Rule.MEETING_MISSING
    subject = factory.Sequence(lambda n: f"group:{n}")
    period = datetime.date(2026, 11, 1)
    facts = factory.LazyAttribute(lambda n: {"group": f"Tổ {n.subject}"})
    created_at = factory.LazyFunction(timezone.now)


class DeliveryFactory(factory.django.DjangoModelFactory[Delivery]):
    class Meta:
        model = Delivery

    notice = factory.SubFactory(NoticeFactory)
    channel = Channel.EMAIL
    outcome = Delivery.Outcome.SENT
    to = "to@example.vn"
    created_at = factory.LazyFunction(timezone.now)
    sent_at = factory.SelfAttribute("created_at")


class MonthApprovalFactory(factory.django.DjangoModelFactory[MonthApproval]):
    class Meta:
        model = MonthApproval

    commune = factory.SubFactory(CommuneFactory)
    month = datetime.date(2025, 10, 1)
    approved_at = factory.LazyFunction(timezone.now)


class YearApprovalFactory(factory.django.DjangoModelFactory[YearApproval]):
    class Meta:
        model = YearApproval

    commune = factory.SubFactory(CommuneFactory)
    year = 2025
    approved_at = factory.LazyFunction(timezone.now)
