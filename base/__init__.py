"""The bottom layer: what every stage needs and nothing above it may be imported by.

`text` folds strings to the one canonical form and makes the keys policies are matched by;
`vocab` is the role vocabulary; `jurisdictions` the gazetteer of provinces and cities;
`runtime` small helpers for hot loops. Nothing here imports another part of policygraph.
"""
if not __name__.startswith("policygraph."):   # the checkout's folder on sys.path: a second copy
    raise ImportError(f"import policygraph.{__name__}, not {__name__} (install the package: pip install -e .)")
