"""Loaders: files → normalised text → policies, tasks, agencies, targets, references (docs/architecture.md)."""
if not __name__.startswith("policygraph."):   # the checkout's folder on sys.path: a second copy
    raise ImportError(f"import policygraph.{__name__}, not {__name__} (install the package: pip install -e .)")

from .errors import LoadError
from .extract import extract_file, extract_paths, extract_text

__all__ = ["LoadError", "extract_file", "extract_paths", "extract_text"]
