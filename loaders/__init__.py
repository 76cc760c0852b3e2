"""Loaders: files → normalised text → policies, tasks, agencies, targets, references (docs/architecture.md)."""
from .errors import LoadError
from .extract import extract_file, extract_paths, extract_text

__all__ = ["LoadError", "extract_file", "extract_paths", "extract_text"]
