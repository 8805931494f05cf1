from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.urls import include, path

from apps.accounts import views as accounts_views
from apps.core import health
from apps.core import views as core_views

urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("manifest.webmanifest", core_views.manifest, name="manifest"),
    path("sw.js", core_views.service_worker, name="service_worker"),
    path("healthz", health.liveness, name="healthz"),
    path("readyz", health.readiness, name="readyz"),
    # A password check is a deliberately slow hash: not to be done holding SQLite's write
    # lock, and a login's few writes (session, last login, attempts) need no transaction.
    path(
        "dang-nhap/",
        transaction.non_atomic_requests(accounts_views.LoginView.as_view()),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("nguoi-dung/", include("apps.accounts.urls")),
    path("sinh-hoat/nhap/", include("apps.imports.meetings_urls")),
    path("sinh-hoat/", include("apps.meetings.urls")),
    path("kien-nghi/nhap/", include("apps.imports.petitions_urls")),
    path("kien-nghi/", include("apps.petitions.urls")),
    path("binh-xet/", include("apps.assessments.urls")),
    path("chi-tieu/", include("apps.indicators.urls")),
    path("to-chuc/", include("apps.organisation.urls")),
    path("danh-sach/", include("apps.imports.urls")),
    path("to-chuc-lai/", include("apps.hierarchy.urls")),
    path("nhac-viec/", include("apps.notices.urls")),
    path("viec/", include("apps.jobs.urls")),
    path("duyet/", include("apps.approvals.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
