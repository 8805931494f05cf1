import pytest

from tests.imports.conftest import page_admin, units  # noqa: F401  (shared fixtures)


@pytest.fixture(autouse=True)
def job_files(settings, tmp_path):
    """Files made by jobs go to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
