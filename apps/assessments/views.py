"""Assessment pages: the year's figures, a group's households on one page, the commune's
ratings of its groups and hamlets, the district's of its communes, and the Excel round trip."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Min
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.accounts import access
from apps.accounts.services import export_record
from apps.assessments import figures, selectors, services, sheet_import, sheets
from apps.assessments.forms import HouseholdRows, UnitRatings, UploadForm, refuse_outside_year
from apps.assessments.models import (
    CommuneAssessment,
    GroupAssessment,
    HamletAssessment,
    HouseholdAssessment,
)
from apps.core.http import posted
from apps.core.periods import FIRST_YEAR, year_or_404
from apps.core.transactions import writes_on_read
from apps.core.xlsx import xlsx_response
from apps.hierarchy.models import Commune, District, Group, Hamlet
from apps.hierarchy.names import told_apart, told_apart_from_namesakes
from apps.imports.models import PendingImport
from apps.people.models import Household

PAGE_SIZE = 50


def _last_year(user) -> int:
    """This year, or the last of the user's unit if it has ended (ended_unit)."""
    ended = access.ended_unit(user)
    return ended.ended_on.year if ended else timezone.localdate().year


def _year_from(request: HttpRequest) -> int:
    """The year asked for; by default the user's last (_last_year)."""
    try:
        return year_or_404(int(request.GET.get("nam", "")))
    except (ValueError, Http404):
        return _last_year(request.user)


def _first_year(user) -> int:
    """The first year the user's area existed: past years back to it can be entered."""
    began = access.readable(user, Commune).aggregate(first=Min("started_on"))["first"]
    return max(FIRST_YEAR, began.year) if began else timezone.localdate().year


def _outside_life(request: HttpRequest, unit, year: int) -> HttpResponse | None:
    """Back to the year's overview, saying why, when `unit` did not exist in `year`."""
    try:
        refuse_outside_year([unit], year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("assessments:overview") + f"?nam={year}")
    return None


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The year's figures over the user's area, and the pages where assessments are entered."""
    year = _year_from(request)
    user = request.user
    last_year = _last_year(user)
    # The groups and hamlets as they stood at the year's end: not those that left since.
    day = selectors.reading_day(user, year)
    groups = access.readable(user, Group, on=day)
    communes = access.readable(user, Commune).select_related("district")
    entry_groups, sheet_hamlets = None, []
    # The pages of households' rows, of the groups as they stood on the day: read-only for
    # those whose unit has ended, or from which the group has gone since.
    if access.can_read_any(user, HouseholdAssessment):
        # Whole-hamlet sheets, for officials of a commune or hamlet (not the district's ~100).
        hamlets = list(
            access.readable(user, Hamlet, on=day).select_related("commune__district")[:21]
        )
        if len(hamlets) <= 20:
            sheet_hamlets = [
                (h, access.may(user, HouseholdAssessment, h, write=True))
                for h in hamlets
                if access.may(user, HouseholdAssessment, h, on=day)  # ≤ 20 hamlets
            ]
        entry_groups = Paginator(selectors.groups_with_progress(groups, year), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    recent = range(last_year, max(last_year - 5, FIRST_YEAR - 1), -1)
    context = {
        "year": year,
        "years": recent,
        "earlier_years": range(recent[-1] - 1, _first_year(user) - 1, -1),
        "households": figures.household_figures(groups, year).get(None),
        "groups": figures.group_ratings(groups, year)[None],
        "hamlets": figures.hamlet_ratings(access.readable(user, Hamlet, on=day), year)[None],
        "cultural_communes": figures.cultural_communes(communes, year),
        "page": entry_groups,
        "sheet_hamlets": sheet_hamlets,
        "apart": _told_apart(sheet_hamlets, entry_groups),
        "rating_communes": [
            c for c in communes if access.may(user, GroupAssessment, c, write=True)
        ],
        "rating_districts": [
            d
            for d in access.readable(user, District)
            if access.may(user, CommuneAssessment, d, write=True)
        ],
    }
    return render(request, "assessments/overview.html", context)


def _told_apart(sheet_hamlets, entry_groups) -> dict:
    """What tells apart the hamlets of one name on the page (apps.hierarchy.names)."""
    hamlets = {h.pk: h for h, _writable in sheet_hamlets}
    hamlets.update((g.hamlet_id, g.hamlet) for g in entry_groups or [])
    return told_apart(list(hamlets.values()))


def _household_group(request: HttpRequest, group_id: int, year: int) -> tuple[Group, bool]:
    """The group whose household rows of the year the user may see (404 otherwise), and
    whether they may write them; a write by a reader is refused."""
    posting = request.method == "POST"
    group = selectors.get_household_unit_for_user(
        request.user, Group, group_id, write=posting, year=year
    )
    return group, posting or access.may(request.user, HouseholdAssessment, group, write=True)


def _save_rows(rows, year: int, user) -> int:
    """Save the posted lines of a valid formset (all of them, or a few households)."""
    return services.household_assessments_save(
        year=year, values={f.cleaned_data["household"]: f.flags() for f in rows}, user=user
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_households(request: HttpRequest, group_id: int, year: int) -> HttpResponse:
    """Every household of a group for a year on one page, saved all at once or not at all.
    On a phone the page's script saves a few households at a time (`group_households_save`)."""
    year = year_or_404(year)
    group, can_write = _household_group(request, group_id, year)
    if refused := _outside_life(request, group, year):
        return refused
    households = selectors.households_in_year(group, year)
    prefill = selectors.household_prefill(households, year)
    initial = [{"household": h.pk, **prefill[h.pk]} for h in households]
    rows = HouseholdRows(
        posted(request), initial=initial, households=households, group=group, year=year
    )
    if request.method == "POST" and rows.is_valid():
        try:
            changed = _save_rows(rows, year, request.user)
        except ValidationError as error:  # a year approved and locked (apps.approvals)
            messages.error(request, " ".join(error.messages))
            return redirect("assessments:group_households", group_id=group.pk, year=year)
        messages.success(
            request,
            _("Assessments of %(group)s for %(year)s saved (%(n)s changed).")
            % {"group": group.name, "year": year, "n": changed},
        )
        return redirect("assessments:group_households", group_id=group.pk, year=year)
    return render(
        request,
        "assessments/group_households.html",
        {
            "group": group,
            "apart": told_apart_from_namesakes([group.hamlet]),
            "year": year,
            "rows": rows,
            "can_write": can_write,
            "assessed": selectors.assessed_ids(households, year),
        },
    )


@login_required
@require_http_methods(["POST"])
def group_households_save(request: HttpRequest, group_id: int, year: int) -> JsonResponse:
    """Save some of a group's households (one, or a small batch), all of the posted lines or
    none, and answer in JSON: the households saved, or each refused line's messages (a group
    not alive in the year is refused by the formset too).

    The lines are posted as the page's formset, numbered from 0 and holding only the
    households sent; they are checked by the same form and scope as the whole page.
    """
    year = year_or_404(year)
    group, _can_write = _household_group(request, group_id, year)
    households = selectors.households_in_year(group, year)
    rows = HouseholdRows(request.POST, households=households, group=group, year=year)
    if not rows.is_valid():
        return JsonResponse(
            {
                "errors": {
                    str(f["household"].value()): [m for ms in f.errors.values() for m in ms]
                    for f in rows
                    if f.errors
                },
                "message": " ".join(rows.non_form_errors())
                or _("Nothing was saved: correct the lines marked below."),
            },
            status=400,
        )
    try:
        changed = _save_rows(rows, year, request.user)
    except ValidationError as error:  # a year approved and locked (apps.approvals)
        return JsonResponse({"errors": {}, "message": " ".join(error.messages)}, status=400)
    return JsonResponse({"saved": [f.cleaned_data["household"] for f in rows], "changed": changed})


def _rating_rows(
    request: HttpRequest, prefix: str, model, units: list, year: int, flags=None
) -> UnitRatings:
    """The rating lines of `units` for `year`, first filled from their `model` assessments
    (selectors.rating_prefill, with its `flags`)."""
    initial = selectors.rating_prefill(model, units, year, flags=flags)
    return UnitRatings(posted(request), prefix=prefix, initial=initial, units=units, year=year)


@login_required
@require_http_methods(["GET", "POST"])
def commune_units(request: HttpRequest, commune_id: int, year: int) -> HttpResponse:
    """A commune official rates the commune's groups and hamlets for a year."""
    year = year_or_404(year)
    commune = selectors.get_rated_commune_for_user(request.user, commune_id)
    if refused := _outside_life(request, commune, year):
        return refused
    groups = list(selectors.groups_of_year(commune, year))
    hamlets = list(selectors.alive_in_year(commune.hamlets, year))
    group_rows = _rating_rows(request, "groups", GroupAssessment, groups, year)
    hamlet_rows = _rating_rows(request, "hamlets", HamletAssessment, hamlets, year)
    if request.method == "POST" and group_rows.is_valid() and hamlet_rows.is_valid():
        try:
            services.unit_ratings_save(
                year=year,
                groups=_ratings(group_rows),
                hamlets=_ratings(hamlet_rows),
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("assessments:commune_units", commune_id=commune.pk, year=year)
        messages.success(
            request,
            _("Ratings of %(commune)s for %(year)s saved.")
            % {"commune": commune.name, "year": year},
        )
        return redirect(reverse("assessments:overview") + f"?nam={year}")
    sections = _by_hamlet(hamlet_rows, group_rows)
    return render(
        request,
        "assessments/commune_units.html",
        {
            "commune": commune,
            "year": year,
            "group_rows": group_rows,
            "hamlet_rows": hamlet_rows,
            "sections": sections,
            "apart": told_apart([section.hamlet for section in sections]),
        },
    )


@dataclass
class HamletSection:
    """A hamlet's part of the commune's rating page: its own line and its groups' lines."""

    hamlet: Hamlet
    line: object = None
    groups: list = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(f.errors for f in [self.line, *self.groups] if f is not None)


def _by_hamlet(hamlet_rows, group_rows) -> list[HamletSection]:
    """The rating lines grouped by hamlet, in the hamlets' order, so that a phone jumps to one."""
    sections = {f.subject.pk: HamletSection(f.subject, f) for f in hamlet_rows if f.subject}
    for form in group_rows:
        if form.subject is None:
            continue
        hamlet = form.subject.hamlet
        sections.setdefault(hamlet.pk, HamletSection(hamlet)).groups.append(form)
    return list(sections.values())


@login_required
@require_http_methods(["GET", "POST"])
def district_communes(request: HttpRequest, district_id: int, year: int) -> HttpResponse:
    """The district rates its communes (cultural standard) for a year."""
    year = year_or_404(year)
    district = selectors.get_rated_district_for_user(request.user, district_id)
    if refused := _outside_life(request, district, year):
        return refused
    communes = list(selectors.alive_in_year(district.communes, year))
    rows = _rating_rows(
        request, "communes", CommuneAssessment, communes, year, {"cultural_standard": "cultural"}
    )
    if request.method == "POST" and rows.is_valid():
        try:
            services.assessments_save(
                model=CommuneAssessment,
                year=year,
                values={
                    f.cleaned_data["unit"]: {"cultural_standard": f.cleaned_data["cultural"]}
                    for f in rows
                },
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("assessments:district_communes", district_id=district.pk, year=year)
        messages.success(request, _("Ratings of the communes for %(year)s saved.") % {"year": year})
        return redirect(reverse("assessments:overview") + f"?nam={year}")
    return render(
        request,
        "assessments/district_communes.html",
        {"district": district, "year": year, "rows": rows},
    )


def _ratings(rows) -> dict[int, dict[str, bool]]:
    return {
        f.cleaned_data["unit"]: {
            "safe": f.cleaned_data["safe"],
            "cultural": f.cleaned_data["cultural"],
        }
        for f in rows
    }


def _unit_households(unit, year: int) -> list[Household]:
    return selectors.households_in_year(unit, year)


@login_required
@writes_on_read
def sheet_download(request: HttpRequest, year: int, group_id=None, hamlet_id=None):
    """The year's sheet of a group or hamlet; every download of these rows is recorded."""
    year = year_or_404(year)
    unit = selectors.get_household_unit_for_user(
        request.user, Group if group_id else Hamlet, group_id or hamlet_id, year=year
    )
    households = _unit_households(unit, year)
    workbook = sheets.household_workbook(
        households, selectors.household_prefill(households, year), year
    )
    export_record(
        user=request.user,
        what=_("Household assessments %(year)s of %(unit)s") % {"year": year, "unit": unit},
        rows=len(households),
    )
    return xlsx_response(workbook, f"binh-xet-{year}-{unit.code}.xlsx")


@login_required
@require_http_methods(["POST"])
def sheet_upload(request: HttpRequest, year: int, group_id=None, hamlet_id=None):
    """Check an uploaded sheet and show what it would change; nothing is saved yet."""
    year = year_or_404(year)
    unit = selectors.get_household_unit_for_user(
        request.user, Group if group_id else Hamlet, group_id or hamlet_id
    )
    form = UploadForm(request.POST, request.FILES)
    upload = form.cleaned_data["file"] if form.is_valid() else None
    preview = sheet_import.sheet_preview(user=request.user, unit=unit, year=year, upload=upload)
    return render(
        request,
        "assessments/sheet_preview.html",
        {
            "unit": unit,
            "year": year,
            "lines": preview.lines,
            "problem": preview.problem,
            "pending": preview.pending,
        },
    )


@login_required
@require_http_methods(["POST"])
def sheet_confirm(request: HttpRequest, pending_id: int) -> HttpResponse:
    """Save a previewed sheet (all lines or none), or drop it."""
    # Someone else's preview, an expired one and a used one are all simply not found.
    pending = get_object_or_404(
        PendingImport, pk=pending_id, user=request.user, kind=sheet_import.PENDING_KIND
    )
    year, target = pending.target["year"], pending.target
    model = Group if target["level"] == "group" else Hamlet
    unit = selectors.get_household_unit_for_user(request.user, model, target["unit"])
    if "cancel" in request.POST:
        sheet_import.sheet_discard(pending=pending)
        messages.info(request, _("The upload was discarded; nothing changed."))
        return redirect(_unit_page(unit, year))
    try:
        changed = sheet_import.sheet_save(user=request.user, unit=unit, pending=pending)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_unit_page(unit, year))
    messages.success(
        request,
        _("%(n)s household assessments saved from %(file)s.")
        % {"n": changed, "file": pending.file_name},
    )
    return redirect(_unit_page(unit, year))


def _unit_page(unit, year: int) -> str:
    if isinstance(unit, Group):
        return reverse("assessments:group_households", args=[unit.pk, year])
    return reverse("assessments:overview") + f"?nam={year}"
