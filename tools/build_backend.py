"""PEP 517/660 build backend: setuptools.build_meta, without its "Editable installation" notices.

Every hook is setuptools' own. The only change: on each `pip install -e .` setuptools logs
"Editable install will be performed using a meta path finder ..." and emits an InformationOnly
warning ("Please be careful with folders in your working directory ..."); pip >= 25 prints
backend warnings even with --quiet. Those two notices are silenced for build_editable only;
any other setuptools warning (a real configuration problem) still shows.
"""

import logging
import warnings

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (build_wheel, build_sdist, get_requires_*, prepare_metadata_*)
from setuptools.warnings import InformationOnly


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    log = logging.getLogger("setuptools.command.editable_wheel")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Editable installation", category=InformationOnly)
            return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)
    finally:
        log.setLevel(level)
