"""The one reader of demo and seed text: YAML data files shipped inside an app's `demo` package
(`courses/demo/courses.yaml`, `content/demo/glossary.yaml`, ...).

The files are plain YAML (safe loading: no Python objects) with one addition, the `!join` tag: a
list of strings joined with nothing between them, so a long HTML text can be written one block
element (paragraph, heading, list item) per item and still load as the single string the pages
store.
"""

import functools
from importlib import resources
from typing import Any

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DemoDataError(Exception):
    """A demo data file is missing, empty or not valid YAML; the message names the file."""


class _Loader(_Base):
    pass


def _join(loader: yaml.Loader, node: yaml.Node) -> str:
    if not isinstance(node, yaml.SequenceNode):
        raise yaml.constructor.ConstructorError(
            None, None, "!join takes a list of strings", node.start_mark
        )
    parts = loader.construct_sequence(node)
    if not all(isinstance(part, str) for part in parts):
        raise yaml.constructor.ConstructorError(
            None, None, "!join takes a list of strings", node.start_mark
        )
    return "".join(parts)


_Loader.add_constructor("!join", _join)


@functools.cache
def demo_data(package: str, name: str) -> Any:
    """The content of the data file `name` of `package` (for example "courses.demo" and
    "courses.yaml"), read once per process and shared: callers must not change it.

    Raises DemoDataError, naming the file, when it is missing, empty or not valid YAML."""
    path = f"{package.replace('.', '/')}/{name}"
    try:
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as missing:
        raise DemoDataError(f"The demo data file {path} is missing") from missing
    except UnicodeDecodeError as malformed:
        raise DemoDataError(f"The demo data file {path} is not UTF-8 text") from malformed
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader plus !join
    except yaml.YAMLError as malformed:
        raise DemoDataError(
            f"The demo data file {path} is not valid YAML: {malformed}"
        ) from malformed
    if data is None:
        raise DemoDataError(f"The demo data file {path} is empty")
    return data
