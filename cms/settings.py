"""Settings for the whole platform, in one module.

Every production part is switched on by an environment variable; with none set the platform
runs embedded (SQLite file, local-memory cache, database search, immediate tasks) so that a
fresh clone works with nothing else installed. See docs/operations.md for the full list.
"""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from cms.plugin_loader import load as load_plugins
from cms.private_files import keep_database_private, keep_private, write_new_private
from search.config import WAGTAIL_BACKENDS, search_cluster

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def _embedded_secret_key():
    """A random key kept in var/, so an embedded install is never run with a published key;
    readable by the service account only (cms.private_files)."""
    key_file = VAR_DIR / "secret_key"
    if not write_new_private(key_file, secrets.token_urlsafe(50)):
        keep_private(key_file)
    return key_file.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or _embedded_secret_key()

# BASE_DOMAIN is "host" or "host:port"; the provincial portal answers on it and every school
# on "<slug>.<host>" with the same port.
BASE_DOMAIN = os.environ.get("BASE_DOMAIN", "localhost:8000")
SITE_HOSTNAME, _colon, _port = BASE_DOMAIN.partition(":")
SITE_PORT = int(_port or 80)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [SITE_HOSTNAME, f".{SITE_HOSTNAME}", "127.0.0.1", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "overrides",
    "pages",
    "schools",
    "search",
    "curation",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "schools.apps.WagtailUsersConfig",  # Wagtail's users app asking one 姓名
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # its catalogue: Wagtail says "15 秒前" through naturaltime
]

# Plugins named here or installed as packages with a "yxyp.plugins" entry point are installed;
# those in PLUGINS_DISABLED keep their data but contribute nothing (docs/plugins.md).
PLUGINS = env_list(
    "PLUGINS", ["plugins.evaluation", "plugins.liaison", "plugins.alliance", "plugins.ledger"]
)
PLUGINS_DISABLED = env_list("PLUGINS_DISABLED")
INSTALLED_APPS += [
    entry.plugin.app for entry in load_plugins(tuple(PLUGINS), tuple(PLUGINS_DISABLED))
]
# Installed, but their wagtail_hooks modules are never imported (overrides.plugin_hooks).
PLUGIN_APPS_DISABLED = [
    entry.plugin.app
    for entry in load_plugins(tuple(PLUGINS), tuple(PLUGINS_DISABLED))
    if not entry.enabled
]

MIDDLEWARE = [
    "cms.security.ClientAddressMiddleware",
    "pages.invalidation.GenerationMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "pages.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a public page comes from its address: /en/… is English, the rest is
    # Chinese (cms.urls); the admin takes each user's own choice.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Before any view or process_view reads a path's ids: one no row could have is a 404.
    "cms.path_ids.PathIdMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Right after the user is read: a session owing its second factor or a password of its own
    # is anonymous to everything below (schools.sign_in_gate).
    "schools.sign_in_gate.SignInGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "schools.sessions.StaffSessionMiddleware",
    # Before anything reads a request's JSON (schools.isolation, the admin API): no deep nesting.
    "cms.bad_input.NestingLimitMiddleware",
    "schools.isolation.SchoolBoundaryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a locked-out login into the lockout page (django-axes).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
# Connections persist for a minute (health-checked before each request reuses one): opening one
# and, on SQLite, running its PRAGMAs cost more than many a query of a page.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent demo workers and the page editor's autosave need WAL and a busy timeout.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Every password hash, draft and session is in it: the service account's only.
    keep_database_private(DATABASES["default"]["NAME"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches: "default" for what a process may keep to itself (rendered pages, Wagtail's
# lookups), "shared" for what every process must agree on (the generation tokens that say a
# kept value is stale, attempt counters). With Redis both are Redis; without it (the embedded
# defaults) the default is each process's memory and the shared one is files in VAR_DIR, one
# truth for every worker on the machine (pages/invalidation.py, pages/page_cache.py).
REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    _redis = {
        "BACKEND": "cms.cache.ResilientRedisCache",  # pages are served while Redis is down
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "yxyp"),
    }
    CACHES = {"default": _redis, "shared": _redis}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "shared-cache"),
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }

# Anonymous visitors' pages are cached this many seconds (0: off), invalidated on every change
# that shows on them (pages/page_cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Paths that are never pages: the page cache neither looks them up nor finds their Site (the
# load balancer's probe answers without the database).
PAGE_CACHE_BYPASS = ("/healthz/",)

# Tasks run in the request unless a worker is deployed (TASKS_BACKEND=database, then
# `manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[os.environ.get("TASKS_BACKEND", "immediate")]
    }
}

# A failed task is run again after TASK_RETRY_SECONDS, doubling, until this many runs of the
# same call have failed (cms/tasks.py; with the database backend only).
TASK_ATTEMPTS = int(os.environ.get("TASK_ATTEMPTS", "5"))
TASK_RETRY_SECONDS = int(os.environ.get("TASK_RETRY_SECONDS", "60"))

SEARCH_URL, SEARCH_ENGINE = search_cluster(
    os.environ.get("SEARCH_URL"), os.environ.get("SEARCH_ENGINE")
)
SEARCH_INDEX = os.environ.get("SEARCH_INDEX", "yxyp-documents")
# How long a search's answer is kept; the index's generation token renews it at every change.
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "300"))
# Make every indexing request visible to searches at once (tests); clusters refresh each second.
SEARCH_REFRESH_ON_WRITE = env_bool("SEARCH_REFRESH_ON_WRITE", False)
WAGTAILSEARCH_BACKENDS = WAGTAIL_BACKENDS

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in (docs/operations.md, "Accounts"): django-axes counts failed logins per account and
# per network address; either reaching the limit locks sign-in for that account or address
# until the cool-off ends (a success resets the count). Its records are the log of sign-ins.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Counted per network, not per address: an IPv6 /64 is one visitor (pages.networks).
AXES_CLIENT_IP_CALLABLE = "pages.networks.client_network"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "schools.sessions.locked_out"
AXES_VERBOSE = False
# A staff session ends after this long without a request, and after a working day at most.
STAFF_IDLE_TIMEOUT = int(os.environ.get("STAFF_IDLE_MINUTES", "30")) * 60
SESSION_COOKIE_AGE = 12 * 3600
# A second factor (a TOTP code, schools.second_factor) is open to every staff account; this
# makes it compulsory for platform admins, bureau staff and auditors (docs/operations.md).
STAFF_SECOND_FACTOR_REQUIRED = env_bool("STAFF_SECOND_FACTOR_REQUIRED", False)
# Django REST framework's default accepts HTTP Basic credentials too: a password alone, past the
# sign-in gate. The API knows the user from the session only, as the gate leaves it.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"]
}
OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "一校一品")
OTP_TOTP_THROTTLE_FACTOR = 2  # seconds before a retry after one wrong code, doubling after each

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
# The admin names content languages in the reader's language (中文, 英文); the language
# switchers name each in its own (LANGUAGES).
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", _("Chinese")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# A new English edition starts as a draft, whatever the Chinese page's state: it holds Chinese
# text until translated, and goes live through the school's own review like any page.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", _("One School, One Brand"))
WAGTAILADMIN_BASE_URL = os.environ.get("ADMIN_BASE_URL", f"http://{BASE_DOMAIN}")
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# Staff all work in China's one time zone; Wagtail would otherwise offer 600 zones by their
# English names on the account page.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# Documents always through Wagtail's view (privacy and before_serve_document), never as a
# media URL.
# Media titles with a banned word are refused (pages.media_forms).
WAGTAILIMAGES_IMAGE_FORM_BASE = "pages.media_forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "pages.media_forms.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "xls", "pptx", "txt", "zip", "odt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Wagtail's responsive wrapper is an inline style, which the public CSP refuses; the
# stylesheet sizes embedded players instead.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "pages.tags.tags_from_string"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Without a reverse proxy in front (the embedded demo) Django serves uploaded media itself.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "cms.storage.MediaStorage"},  # no half-written file on a full disk
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"noreply@{SITE_HOSTNAME}")

# Security headers (cms/security.py) and HTTPS behind a reverse proxy (docs/operations.md).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# SAMEORIGIN, not DENY: the admin previews pages in a frame of its own origin (W019).
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
# HTTPS=1 when a TLS-terminating proxy in front sets X-Forwarded-Proto (and strips it from
# clients): plain HTTP is redirected, browsers are told to use HTTPS for a year on every
# school's subdomain, and cookies go over HTTPS only.
HTTPS = env_bool("HTTPS", False)
# The reverse proxies (addresses or networks) whose X-Forwarded-For is believed: the client's
# address, for every per-address limit and log, is the first hop not among them
# (cms.security.ClientAddressMiddleware). Empty: the connection's own address.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS or env_bool("SECURE_COOKIES", False)
# Video players the body's embedded videos may frame (Wagtail's embeds).
EMBED_FRAME_SOURCES = env_list(
    "EMBED_FRAME_SOURCES",
    ["https://player.bilibili.com", "https://v.qq.com", "https://player.youku.com"],
)
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "media-src": [_SELF],
        "frame-src": [_SELF, *EMBED_FRAME_SOURCES],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_SELF],
    }
}
# Wagtail's admin sets inline styles and scripts of its own; the rest is as strict.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [_SELF, "'unsafe-inline'"],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:", "blob:"],
    }
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "bluetooth=(), browsing-topics=()"
)
# No avatars from gravatar.com: nothing in the admin loads from another host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
