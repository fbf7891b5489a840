"""The SHA-256 worked out while a file is read (files.Hashing): the digest of every byte, once."""

from __future__ import annotations

import hashlib
import io

from maturity.evidence import files

CONTENT = bytes(range(256)) * 40_000  # 10 MB, more than one read


def test_reading_part_going_back_and_skipping_ahead_still_gives_the_digest_of_the_whole_file():
    hashing = files.Hashing(io.BytesIO(CONTENT))
    reader = io.BufferedReader(hashing, 4096)
    assert reader.read(10) == CONTENT[:10]
    reader.seek(0)
    assert reader.read(5) == CONTENT[:5]
    reader.seek(3_000_000)  # ahead, past bytes never read
    assert reader.read(7) == CONTENT[3_000_000:3_000_007]
    assert hashing.hexdigest() == hashlib.sha256(CONTENT).hexdigest()
    assert reader.read(3) == CONTENT[3_000_007:3_000_010]  # reading goes on where it was


def test_a_file_read_through_gives_the_same_digest_as_reading_it_in_one_go():
    hashing = files.Hashing(io.BytesIO(CONTENT))
    assert b"".join(io.BufferedReader(hashing, 1 << 16)) == CONTENT
    assert hashing.hexdigest() == hashlib.sha256(CONTENT).hexdigest()
