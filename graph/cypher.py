"""Reading a Cypher text without running it: the parameters it uses, and whether it does more
than read the graph. String literals, comments and backticked names are set aside first, so a
'$name' or a 'COPY' inside a string is only text."""
from __future__ import annotations

import re

_LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.S)
_PARAM = re.compile(r"\$(?:([A-Za-z_][A-Za-z0-9_]*)|`([^`]+)`)")
_BACKTICKED = re.compile(r"`[^`]*`")
# LadybugDB statements that act outside the graph's data: files (COPY … TO, LOAD FROM, EXPORT),
# extensions (INSTALL, LOAD EXTENSION, which download), other databases (ATTACH, USE) and the
# storage itself (CHECKPOINT). A read-only query runs none of them; a read-only database would
# half-do some (a CHECKPOINT leaves a recovery pending).
_ACTIONS = re.compile(r"(?<![.$\w])(CHECKPOINT|COPY|INSTALL|UNINSTALL|LOAD|EXPORT|IMPORT|ATTACH|DETACH|USE|"
                      r"BEGIN|COMMIT|ROLLBACK)(?!\w)", re.I)


def _code(cypher: str) -> str:
    return _LITERALS.sub(" ", cypher)


def parameters(cypher: str) -> set[str]:
    """The $names a query uses."""
    return {a or b for a, b in _PARAM.findall(_code(cypher))}


def outside_action(cypher: str) -> str | None:
    """The first statement word that acts outside the graph's data (upper case), or None."""
    m = _ACTIONS.search(_BACKTICKED.sub(" ", _code(cypher)))
    return m.group(1).upper() if m else None
