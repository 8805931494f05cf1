"""Settings for tocdp.

The environment is read here and nowhere else (django-environ). Every variable
is documented in `.env.example`. SQLite is the default database; production
sets DATABASE_URL to PostgreSQL. A production start (DEBUG=False) without a
SECRET_KEY (or with a placeholder one) or ALLOWED_HOSTS fails at once rather than
running half-configured.
"""

import datetime
import importlib.util
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tocdp import observability

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")
    SECRET_KEY = "development-only-key-never-used-when-debug-is-off"  # noqa: S105


def _is_placeholder(key: str) -> bool:
    """A key copied from an example, or one too short or too plain to sign sessions with.

    Django's deploy check only warns about these (security.W009), and only when someone runs
    it; a copied `.env.example` would otherwise sign every session with a public key.
    """
    plain = key.lower().replace("_", "-")
    return (
        len(key) < 50
        or len(set(key)) < 5
        or key.startswith("django-insecure-")
        or any(word in plain for word in ("change-me", "changeme", "replace-me", "secret-key-here"))
    )


if not DEBUG and _is_placeholder(SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY is a placeholder or too weak: set 50+ random characters (see .env.example)."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off (see .env.example).")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "apps.core",
    "apps.accounts",
    "apps.hierarchy",
    "apps.people",
    "apps.meetings",
    "apps.petitions",
    "apps.assessments",
    "apps.imports",
    "apps.organisation",
    "apps.approvals",
    "apps.indicators",
    "apps.notices",
    "apps.demo",
    "apps.jobs",
    "apps.backups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses the HTML. BREACH (guessing a secret from compressed sizes) is answered by
    # Django itself: the CSRF token in every form is masked anew on each response, and the
    # gzip stream carries random padding since Django 4.2. Static files come compressed
    # from whitenoise (gzip and brotli, made once by collectstatic) and are left alone, and
    # so are workbooks, PDFs and images, which are compressed already (apps.core.compression).
    "apps.core.compression.GZipTextMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "apps.core.transactions.ReadsDoNotQueueForWrites",
    # Last, as django-axes requires: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tocdp.urls"
WSGI_APPLICATION = "tocdp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Every PostgreSQL session of ours, on the primary and the replica:
# - jit=off: PostgreSQL compiles a query whose estimated cost is high (the dashboard's
#   counts with a subquery per row) before running it: 25-30 ms of compiling for 15 ms of
#   work. Our queries are short; without the compiler they run in half the time.
# - random_page_cost=1.1: the default (4) prices an index probe for a spinning disk, so a
#   district among ten in a province scanned whole tables of the province rather than
#   probe its own groups' rows. The tables a page reads are in memory or on SSD; 1.1 is
#   PostgreSQL's usual figure for that (bench/RESULTS.md, tenth session).
POSTGRES_SESSION = "-c jit=off -c random_page_cost=1.1"

# SQLite by default: zero set-up. PostgreSQL in production and CI via DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # WAL lets the dashboard read while an official saves a meeting.
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        # A transaction that read and then writes cannot wait for another writer: SQLite
        # answers "database is locked" at once. Taking the write lock at BEGIN makes
        # overlapping saves queue instead, each then seeing what the one before it wrote.
        # Requests that only read do not queue (apps.core.transactions), nor does a login.
        transaction_mode="IMMEDIATE",
        # How long a save queues for the write lock (seconds) before giving up.
        timeout=env.int("SQLITE_TIMEOUT", default=20),
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", POSTGRES_SESSION)

# A read replica (apps.core.replica): the dashboard, the report and the exports read from
# it, everything else from the primary. In tests it is the test database itself (MIRROR).
# No ATOMIC_REQUESTS there: it would open a replica connection for every request.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"].get("CONN_MAX_AGE", 0)
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("options", POSTGRES_SESSION)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
READ_REPLICA = "replica" if "replica" in DATABASES else ""
DATABASE_ROUTERS = ["apps.core.replica.PrimaryReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (django-axes, rule in apps.accounts.login_throttle): a user name is
# locked at its address after repeated failures; an address as a whole only at a far
# higher count, because a commune's officials share one carrier address on mobile data.
AXES_HANDLER = "apps.accounts.login_throttle.LoginThrottleHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=100)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Tries made while locked out are not counted: a locked-out guesser hammering on would
# otherwise push the whole address to its limit and lock out the colleagues behind it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Argon2id with OWASP's minimum settings: a login costs ~30 ms, not PBKDF2's 0.4 s (see
# apps.accounts.hashers). Older PBKDF2 passwords are still read, and re-kept at login.
PASSWORD_HASHERS = [
    "apps.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# A login lasts 35 days: a group leader records one meeting a month, due by day 5 of the
# next, often from a phone that queued the save offline; a shorter session would meet
# every monthly entry (and every queued save) with a login page on weak mobile data.
SESSION_COOKIE_AGE = env.int("SESSION_DAYS", default=35) * 24 * 3600

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first; English selectable.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Reference data a deployment loads with `manage.py loaddata` (see README).
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["tocdp.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names need `collectstatic`; development and tests skip it.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Nothing is served from MEDIA_URL: uploaded documents go out only through a view that
# checks the login and the scope (apps.organisation.views.documents.document_download).
MEDIA_URL = "media/"
# The files the site keeps (uploaded documents, the files jobs make for their owners) are
# read and written only through the default storage: the folder MEDIA_ROOT, or with
# MEDIA_S3_BUCKET set an S3-compatible object store (django-storages, the `s3` extra), which
# several web servers and workers on different machines share (docs/scaling.md).
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    if importlib.util.find_spec("storages") is None or importlib.util.find_spec("boto3") is None:
        raise ImproperlyConfigured(
            "MEDIA_S3_BUCKET needs django-storages and boto3: pip install '.[s3]'."
        )
    MEDIA_S3_ENDPOINT_URL = env.str("MEDIA_S3_ENDPOINT_URL", default="")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            # Empty for Amazon S3 itself; the address of any other S3-compatible service.
            "endpoint_url": MEDIA_S3_ENDPOINT_URL or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            # Unset: boto3's own lookup (AWS_ACCESS_KEY_ID…, a profile, the machine's role).
            "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            # A folder inside the bucket, so that one bucket can hold several sites.
            "location": env.str("MEDIA_S3_PREFIX", default=""),
            # Most S3-compatible services (MinIO, Ceph) need bucket names in the path.
            "addressing_style": env.str(
                "MEDIA_S3_ADDRESSING_STYLE", default="path" if MEDIA_S3_ENDPOINT_URL else "auto"
            ),
            # Private objects (the bucket's default), never a public address, no overwriting
            # (as in a folder: a second file of a name gets a name of its own).
            "default_acl": None,
            "file_overwrite": False,
            # A file opened for reading is held in memory up to this size, on disk beyond.
            "max_memory_size": 2 * 1024 * 1024,
        },
    }
# Documents (PDF) uploaded to the organisation pages: refused above this size.
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_MB", default=10) * 1024 * 1024
# Tests run without collectstatic; whitenoise then serves from the finders.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=DEBUG)

# Spreadsheet uploads: refused above this size, and above this once unzipped (zip bombs).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_MB", default=20) * 1024 * 1024
IMPORT_MAX_UNZIPPED_BYTES = env.int("IMPORT_MAX_UNZIPPED_MB", default=300) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Cache: Redis when REDIS_URL is set (redis://host:6379/0), shared by every web server and
# the worker; otherwise each process's own memory, which is enough for one server.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tocdp",
            "OPTIONS": {
                # A Redis that is down or hangs is skipped, not an error: a read misses (the
                # sessions are then read from the database), a write is dropped. Each try
                # waits at most these seconds; Redis answers on the local network in 1 ms.
                # After a failed connection a process leaves Redis alone for a few seconds.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.5,
                "CONNECTION_POOL_CLASS": "apps.core.redis_pool.PausingConnectionPool",
            },
        }
    }
    # What was skipped is logged (logger "tocdp.cache"), at most once a minute per process.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "tocdp.cache"
    # Sessions read from Redis and are written to both Redis and the database ("cached_db"):
    # a request no longer costs a session query, and a Redis restart or eviction logs
    # nobody out, as a cache-only session store would (the database copy is read back).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The figures of final periods (past years every commune approved) kept in the cache, as
# long as the cache is shared (apps.indicators.figure_cache); a day at most.
FIGURE_CACHE = env.bool("FIGURE_CACHE", default=bool(REDIS_URL))
FIGURE_CACHE_SECONDS = env.int("FIGURE_CACHE_SECONDS", default=24 * 3600)

# Background jobs (apps.jobs): Django's tasks API (the django-tasks backport). The default
# backend keeps the queue in the database itself, so no other service is needed; run the
# worker with `manage.py db_worker` (README: "Background jobs"). TASKS_BACKEND names
# another backend (one backed by a broker) when one server is not enough.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "OPTIONS": env.json("TASKS_OPTIONS", default={}),
    }
}

# Backups (apps.backups): `manage.py backup` writes the database and the documents into
# BACKUP_DIR and keeps the newest BACKUP_KEEP; BACKUP_DAILY adds it to the daily jobs.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
if BACKUP_KEEP < 1:
    raise ImproperlyConfigured(f"BACKUP_KEEP must be at least 1, not {BACKUP_KEEP}.")
BACKUP_DAILY = env.bool("BACKUP_DAILY", default=False)

# Security. HTTPS (default: on when DEBUG is off) says the site is reached over HTTPS, and
# gives the defaults of the settings below: redirect http to https, HSTS, and cookies sent
# only over HTTPS. A browser drops a Secure cookie set over plain http, so a site served
# over http with these on cannot log anyone in: set HTTPS=false for a trial on plain http
# (the login page says so when it is reached over http with Secure cookies, and the system
# check warns of Secure cookies with neither the redirect nor a TLS proxy).
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Probes from the machine itself ask over plain http and must not be redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=HTTPS)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=HTTPS)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles, images and requests only from the
# site itself, and no inline script or style anywhere: a piece of injected HTML cannot run.
# Templates load their scripts from static/js and bind handlers there (no onclick=).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Logs go to the standard error, one line per record: plain text, or with LOG_FORMAT=json
# one JSON object per line (python-json-logger) for a log collector.
LOGGING = observability.logging_config(
    level=env.str("LOG_LEVEL", default="INFO"),
    log_format=env.str("LOG_FORMAT", default="text"),
)

# Errors reported to Sentry (or a server speaking its protocol) only when SENTRY_DSN is set.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    observability.init_sentry(
        SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# django-import-export: the upload waits for confirmation in the database (any process can
# finish it), and imports are audited by record history rather than admin log entries.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "apps.imports.storage.DatabaseStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = True

# Reminders (apps.notices). Email goes through EMAIL_URL (django-environ's forms:
# smtp+tls://user:password@host:587, consolemail://); the console by default.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update({key: value for key, value in EMAIL_CONFIG.items() if value is not None})
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="tocdp <noreply@localhost>")
# The site's address as users reach it, for the links in emails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")


def _quiet_hours(text: str) -> tuple[datetime.time, datetime.time] | None:
    """ "21:00-07:00" → (21:00, 07:00), local time; empty: no quiet hours."""
    if not text.strip():
        return None
    try:
        start, end = (datetime.time.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError as error:
        raise ImproperlyConfigured(
            f"NOTICE_QUIET_HOURS must read like 21:00-07:00: {text}"
        ) from error
    return start, end


# Email and SMS reminders wait through these hours (TIME_ZONE); the app's list never does.
NOTICE_QUIET_HOURS = _quiet_hours(env.str("NOTICE_QUIET_HOURS", default="21:00-07:00"))
# SMS: the console for development, or apps.notices.sms.HttpGatewayBackend with a carrier's
# brand-name gateway (its address, key, the registered brand name, seconds to wait).
SMS_BACKEND = env.str("SMS_BACKEND", default="apps.notices.sms.ConsoleBackend")
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_API_KEY = env.str("SMS_GATEWAY_API_KEY", default="")
SMS_BRAND_NAME = env.str("SMS_BRAND_NAME", default="")
SMS_GATEWAY_TIMEOUT = env.float("SMS_GATEWAY_TIMEOUT", default=10.0)
if SMS_BACKEND.endswith("HttpGatewayBackend") and not (SMS_GATEWAY_URL and SMS_BRAND_NAME):
    raise ImproperlyConfigured("The SMS gateway needs SMS_GATEWAY_URL and SMS_BRAND_NAME.")
