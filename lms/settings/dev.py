"""The embedded default: SQLite, in-process tasks, console email, DEBUG on unless told otherwise."""

from .base import *
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
