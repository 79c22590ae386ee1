"""Each test unpacks packages into its own PACKAGE_ROOT."""

import pytest


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path):
    settings.PACKAGE_ROOT = tmp_path / "package-files"
    return settings.PACKAGE_ROOT
