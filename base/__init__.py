"""The bottom layer: what every stage needs and nothing above it may be imported by.

`text` folds strings to the one canonical form and makes the keys policies are matched by;
`vocab` is the role vocabulary; `jurisdictions` the gazetteer of provinces and cities;
`runtime` small helpers for hot loops. Nothing here imports another part of policygraph.
"""
