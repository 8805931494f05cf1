"""The documents (decisions, regulations) that set the model up, with their signed PDF."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.hierarchy.models import Commune, District, OfDistrictOrCommune, optional_unit


def document_path(document: "Document", filename: str) -> str:
    # Never the uploaded name: it is kept in `file_name` and given back on download.
    return f"documents/{uuid.uuid4().hex}.pdf"


class Document(OfDistrictOrCommune, models.Model):
    """A decision or regulation setting up the model, of the district or of a commune."""

    scope_fields = {"district": "district", "commune": "commune"}
    dated_by = "issued_on"

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    commune = optional_unit(Commune, _("commune"))
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("date"))
    issued_by = models.CharField(_("issuing body"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("PDF file"),
        upload_to=document_path,
        blank=True,
        max_length=200,
        help_text=_("Optional: the signed document as a PDF file."),
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    def download_name(self) -> str:
        return self.file_name or f"{self.number}.pdf".replace("/", "-")
