"""The mobilisation board (ban vận động) of each hamlet, and its members."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.dated import ends_after_start
from apps.hierarchy.models import EndsWithItsUnit, Hamlet
from apps.organisation.models.common import (
    Decision,
    Member,
    overlaps,
)


class MobilisationBoard(EndsWithItsUnit, Decision):
    """A hamlet's mobilisation board; set up by the commune, so written from above."""

    scope_path = "hamlet"
    written_from_above = True
    begins = "established_on"

    hamlet = models.ForeignKey(
        Hamlet, on_delete=models.PROTECT, related_name="boards", verbose_name=_("hamlet")
    )

    class Meta:
        verbose_name = _("mobilisation board")
        verbose_name_plural = _("mobilisation boards")
        ordering = ["hamlet", "-established_on"]
        constraints = [ends_after_start("board_ends_after_start", start="established_on")]

    def __str__(self) -> str:
        return str(_("Mobilisation board of %(hamlet)s") % {"hamlet": self.hamlet})

    @classmethod
    def held_at(cls, unit) -> Q | None:
        return Q(hamlet=unit) if unit.level == "hamlet" else None

    def clean(self) -> None:
        super().clean()
        if not self.hamlet_id or not self.established_on:
            return
        others = MobilisationBoard.objects.filter(hamlet_id=self.hamlet_id).exclude(pk=self.pk)
        if overlaps(others, "established_on", self.established_on, self.ended_on).exists():
            raise ValidationError(
                _("This hamlet already has a mobilisation board during part of this period.")
            )


class BoardMember(EndsWithItsUnit, Member):
    """A member of a hamlet's mobilisation board."""

    scope_path = "board__hamlet"
    written_from_above = True

    board = models.ForeignKey(
        MobilisationBoard,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("mobilisation board"),
    )

    class Meta:
        verbose_name = _("mobilisation board member")
        verbose_name_plural = _("mobilisation board members")
        ordering = ["board", "ended_on", "full_name"]
        constraints = [ends_after_start("board_member_ends_after_start")]

    @classmethod
    def held_at(cls, unit) -> Q | None:
        return Q(board__hamlet=unit) if unit.level == "hamlet" else None
