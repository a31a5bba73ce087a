import pytest


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    """Report files go to the test's own folder, so none pile up in the shared one."""
    settings.MEDIA_ROOT = tmp_path
