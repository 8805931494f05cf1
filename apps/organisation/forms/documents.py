"""The document form: a PDF checked by its content and size, linked only to the checked
download."""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.organisation.forms.common import (
    DATE_WIDGET,
    UnitChoiceMixin,
)
from apps.organisation.models import (
    Document,
)

PDF_MAGIC = b"%PDF-"


def validate_pdf(upload: UploadedFile) -> None:
    """A PDF by its content, whatever its name says, no larger than DOCUMENT_MAX_BYTES."""
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(mb)s MB. Scan it at a lower resolution.")
            % {"mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise forms.ValidationError(
            _(
                "This file is not a PDF document. "
                "Save or scan the document as a PDF and upload that."
            ),
            code="not_pdf",
        )


class _DownloadLink:
    """What the file widget shows of a stored file: its name, linked to the checked download."""

    def __init__(self, document: Document) -> None:
        self.url = reverse("organisation:document_download", args=[document.pk])
        self.name = document.download_name()

    def __str__(self) -> str:
        return self.name


class ProtectedFileInput(forms.ClearableFileInput):
    """Links a stored document to its download view, never to a public media address."""

    def is_initial(self, value) -> bool:
        instance = getattr(value, "instance", None)
        return bool(value) and instance is not None and instance.pk is not None

    def format_value(self, value):
        return _DownloadLink(value.instance) if self.is_initial(value) else None


class PdfUploadMixin:
    """Checks a new upload by content and size; remembers the name it was uploaded under."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            validate_pdf(upload)
            self.instance.file_name = upload.name[-200:]
        elif upload is False:
            self.instance.file_name = ""
        return upload


class DocumentForm(PdfUploadMixin, UnitChoiceMixin, forms.ModelForm):
    unit = forms.ChoiceField(label=_("Document of"))

    class Meta:
        model = Document
        fields = ["number", "issued_on", "issued_by", "title", "file"]
        widgets = {
            "issued_on": DATE_WIDGET,
            "file": ProtectedFileInput(attrs={"accept": "application/pdf,.pdf"}),
        }

    field_order = ["unit", "number", "issued_on", "issued_by", "title", "file"]

    def __init__(self, *args, units: dict[str, object], **kwargs):
        super().__init__(*args, **kwargs)
        self.set_units(units)
