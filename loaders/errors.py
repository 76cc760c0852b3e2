"""The one exception the loaders raise: it names the file and says what to do."""


class LoadError(Exception):
    """A document could not be read or understood.

    ``str(err)`` is a one-line message fit for a terminal: ``FILE: problem — hint``.
    """

    def __init__(self, source: str, problem: str, hint: str = ""):
        self.source = source
        self.problem = problem
        self.hint = hint
        msg = f"{source}: {problem}"
        if hint:
            msg += f" — {hint}"
        super().__init__(msg)
