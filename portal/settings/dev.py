"""The embedded default: everything in base.py with no environment set."""

from .base import *  # noqa: F403
