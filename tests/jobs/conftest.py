from tests.imports.conftest import job_files, page_admin, units  # noqa: F401  (shared fixtures)
