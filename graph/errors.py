"""Store errors. Each message is one line that says what happened and what to do, so the CLI
can print str(exc) and exit non-zero without a traceback."""


class StoreError(Exception):
    """Base class for every store problem a user can fix."""


class StoreNotFound(StoreError):
    pass


class StoreLocked(StoreError):
    pass


class StoreCorrupt(StoreError):
    pass


class StoreUnavailable(StoreError):
    """Neo4j cannot be reached."""


class StoreAuthError(StoreError):
    pass


class QueryError(StoreError):
    """Cypher syntax/semantic error, or a write attempted without write=True."""


class ReadOnlyQuery(QueryError):
    pass
