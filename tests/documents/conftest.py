from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.storage import storages

AREA = "engaging-councillors"


@pytest.fixture
def stored_files():
    """The files now in the documents storage (on the file system), as paths under it."""

    def listing() -> list[str]:
        root = Path(storages["documents"].location)
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

    return listing
