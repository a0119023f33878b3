"""pyHanko's synchronous calls outside any running event loop.

pyHanko's synchronous API (``PdfSigner.sign_pdf``, ``validate_pdf_signature``) runs its asynchronous
core with ``asyncio.run``, which refuses to start in a thread whose event loop is already running:
an async view, a worker built on asyncio, or a process that also drives a browser through
Playwright's synchronous API (the browser tests). There the call moves to a thread of its own and
the caller waits for its result; elsewhere it runs where it is called.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def outside_event_loop(call: Callable[..., T], /, *args, **kwargs) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="danvan-pyhanko") as pool:
        return pool.submit(call, *args, **kwargs).result()
