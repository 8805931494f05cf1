from django.utils.translation import gettext_lazy as _

from apps.imports.petitions_format import PETITIONS_SHEET
from apps.imports.petitions_forms import PetitionsUploadForm
from apps.imports.petitions_services import PETITIONS
from apps.imports.records_urls import records_urls
from apps.imports.records_views import RecordsPages

app_name = "petition_import"

urlpatterns = records_urls(
    RecordsPages(
        importer=PETITIONS,
        namespace=app_name,
        form=PetitionsUploadForm,
        template=PETITIONS_SHEET.template,
        template_name="mau-kien-nghi.xlsx",
        imported=_("%(new)s petitions imported, %(late)s of them entered late."),
    )
)
