from tests.backups.conftest import fresh_database  # noqa: F401  (shared fixtures)
from tests.imports.conftest import job_files, page_admin, units  # noqa: F401
