"""Loaders: files → normalised text → policies, tasks, agencies, targets, references (DESIGN §5)."""
from .errors import LoadError
from .extract import extract_file, extract_paths, extract_text

__all__ = ["LoadError", "extract_file", "extract_paths", "extract_text"]
