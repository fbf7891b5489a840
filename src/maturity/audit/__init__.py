"""The audit log: who signed in, changed a role, signed off, published, exported or used a token.

Other apps write to it with one call, `audit.record(kind=..., ...)` (see services.record); the
signed-in user, their IP address and user agent come from the request being served.
"""

from __future__ import annotations

from typing import Any


def record(**kwargs: Any):
    """`maturity.audit.services.record`, importable before the app registry is ready."""
    from maturity.audit.services import record as _record

    return _record(**kwargs)
