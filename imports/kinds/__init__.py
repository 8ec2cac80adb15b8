"""The kinds of file the importer reads: young people with their cases, and sessions."""

from imports.kinds.base import ImportKind
from imports.kinds.clients import ClientsKind
from imports.kinds.sessions import SessionsKind

KINDS: dict[str, ImportKind] = {kind.name: kind for kind in [ClientsKind(), SessionsKind()]}
