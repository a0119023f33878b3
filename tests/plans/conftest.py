from __future__ import annotations

import pytest

from danvan.plans import demo


@pytest.fixture
def plan307(demo_org):
    """Plan 307 imported under the demo district and cascaded (no demo statuses)."""
    return demo.load_plan_307()
