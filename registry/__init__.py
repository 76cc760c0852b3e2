"""The agency registry: types and named bodies (YAML), resolution of mentions, free-text lookup."""
if not __name__.startswith("policygraph."):   # the checkout's folder on sys.path: a second copy
    raise ImportError(f"import policygraph.{__name__}, not {__name__} (install the package: pip install -e .)")
