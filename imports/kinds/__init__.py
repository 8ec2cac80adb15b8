"""The kinds of file the importer reads. Sessions will join clients here, as another kind."""

from imports.kinds.base import ImportKind
from imports.kinds.clients import ClientsKind

KINDS: dict[str, ImportKind] = {kind.name: kind for kind in [ClientsKind()]}
