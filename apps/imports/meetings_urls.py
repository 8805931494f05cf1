from django.utils.translation import gettext_lazy as _

from apps.imports.meetings_format import MEETINGS_SHEET
from apps.imports.meetings_forms import MeetingsUploadForm
from apps.imports.meetings_services import MEETINGS
from apps.imports.records_urls import records_urls
from apps.imports.records_views import RecordsPages

app_name = "meeting_import"

urlpatterns = records_urls(
    RecordsPages(
        importer=MEETINGS,
        namespace=app_name,
        form=MeetingsUploadForm,
        template=MEETINGS_SHEET.template,
        template_name="mau-sinh-hoat-to.xlsx",
        imported=_("%(new)s meetings imported, %(late)s of them entered late."),
    )
)
