"""Fair use: a per-user sliding-window limit and a global cap on concurrent retrievals.

The per-user limit answers politely instead of queueing forever; the global cap (an asyncio
semaphore around the blocking `Assistant.ask`, which runs in a worker thread) keeps one burst
from occupying every core while other users wait for a thread.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class UserRateLimiter:
    """At most `per_minute` questions per user in any 60-second window."""

    def __init__(self, per_minute: int, window_s: float = 60.0, max_users: int = 100_000):
        self.per_minute = max(1, per_minute)
        self.window_s = window_s
        self.max_users = max_users
        self._hits: dict[int, deque[float]] = {}

    def check(self, user_id: int, now: float | None = None) -> float:
        """Record a question; 0 when allowed, else the seconds to wait before the next one."""
        now = time.monotonic() if now is None else now
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] >= self.window_s:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return max(1.0, math.ceil(self.window_s - (now - hits[0])))
        hits.append(now)
        if len(self._hits) > self.max_users:  # forget idle users
            for uid in [u for u, h in self._hits.items() if not h or now - h[-1] >= self.window_s]:
                del self._hits[uid]
        return 0.0


class RetrievalGate:
    """A global cap on retrievals in flight; waiting longer than `timeout_s` raises TimeoutError."""

    def __init__(self, max_concurrent: int = 4, timeout_s: float = 30.0):
        self.max_concurrent = max_concurrent
        self.timeout_s = timeout_s
        self._sem = asyncio.Semaphore(max_concurrent)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        await asyncio.wait_for(self._sem.acquire(), self.timeout_s)
        try:
            yield
        finally:
            self._sem.release()
