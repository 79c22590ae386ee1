"""Templates kept beside their feature: `<app>/<feature>/templates/` is searched after
`lms/templates` and before the apps' own `templates/` folders, so a feature package holds its
templates under the same names as before (`courses/sessions/list.html` lives in
`courses/sessions/templates/courses/sessions/list.html`)."""

from functools import cache
from pathlib import Path

from django.apps import apps
from django.template.loaders.filesystem import Loader as FilesystemLoader

PROJECT_APPS = ("lms", "content", "courses", "analytics")


@cache
def feature_template_dirs() -> tuple[Path, ...]:
    """Each project app's `<feature>/templates` folders, in INSTALLED_APPS order, then by name."""
    found: list[Path] = []
    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in PROJECT_APPS:
            continue
        root = Path(config.path)
        found.extend(sorted(p for p in root.glob("*/templates") if p.is_dir()))
    return tuple(found)


class FeatureTemplatesLoader(FilesystemLoader):
    def get_dirs(self):
        return feature_template_dirs()
