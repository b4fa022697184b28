"""Send-rate control for bulk messages: a global token bucket, per-chat pacing, a shared pause.

In one process the state lives in memory; with Redis it lives in Redis (atomic Lua scripts), so
every worker draws from one bucket and a 429 pauses all of them. Times here are monotonic
(event loop / Redis ``TIME``), never the injectable wall clock.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Protocol

from bot.broadcasting.settings import BroadcastSettings


class RateLimiter(Protocol):
    burst: float

    async def acquire(self) -> None:
        """Wait for one token (and for any pause after a 429) before a bulk send."""

    async def acquire_many(self, n: int, least: int = 1) -> int:
        """Wait until ``least`` tokens are there and take up to ``n``; returns how many."""

    def consume_nowait(self) -> None:
        """Take a token for an interactive reply without waiting (the bucket may go negative)."""

    async def pause(self, seconds: float) -> None:
        """Stop every bulk sender for ``seconds`` (Telegram said ``retry_after``)."""


def burst_for(rate: float, paid: bool = False) -> float:
    """Bucket size. Free tier: one token, so any 1 s window holds at most ``rate + 1`` sends and
    the network's jitter (sends that arrive bunched) still stays under Telegram's 30/s. Paid
    broadcasts: 50 ms worth of tokens, so workers take tokens in batches (one Redis round trip
    per batch) while any 1 s window stays within 5% of the rate."""
    return max(1.0, rate / 20) if paid else 1.0


class LocalTokenBucket:
    """A token bucket for one process."""

    def __init__(self, rate: float, burst: float | None = None) -> None:
        self.rate = rate
        self.burst = burst if burst is not None else burst_for(rate)
        self.tokens = self.burst
        self.stamp = time.monotonic()
        self.paused_until = 0.0

    def _refill(self, now: float) -> None:
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    async def acquire(self) -> None:
        await self.acquire_many(1)

    async def acquire_many(self, n: int, least: int = 1) -> int:
        least = max(1, min(least, n, int(self.burst)))
        while True:
            now = time.monotonic()
            if self.paused_until > now:
                await asyncio.sleep(self.paused_until - now)
                continue
            self._refill(now)
            if self.tokens >= least:
                taken = min(n, int(self.tokens))
                self.tokens -= taken
                return taken
            await asyncio.sleep((least - self.tokens) / self.rate)

    def consume_nowait(self) -> None:
        self._refill(time.monotonic())
        self.tokens = max(-self.burst, self.tokens - 1)

    async def pause(self, seconds: float) -> None:
        self.paused_until = max(self.paused_until, time.monotonic() + seconds)
        self.tokens = 0


# KEYS: bucket, pause.  ARGV: rate (per s), burst, most tokens wanted, may_wait (1 = bulk,
# 0 = interactive), fewest tokens worth taking (bulk). Returns {taken, wait ms}: taken >= 1 when
# tokens were taken, else the wait until the fewest are there.
_ACQUIRE = """
local pttl = redis.call('PTTL', KEYS[2])
if pttl > 0 and ARGV[4] == '1' then return {0, pttl} end
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local data = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(data[1]) or burst
local ts = tonumber(data[2]) or now
tokens = math.min(burst, tokens + (now - ts) * rate / 1000)
local wait = 0
local taken = 0
if ARGV[4] == '0' then
  tokens = math.max(-burst, tokens - 1)
  taken = 1
elseif tokens >= tonumber(ARGV[5]) then
  taken = math.min(tonumber(ARGV[3]), math.floor(tokens))
  tokens = tokens - taken
else
  wait = math.ceil((tonumber(ARGV[5]) - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
return {taken, wait}
"""

# KEYS: pause.  ARGV: milliseconds. Extends, never shortens, the pause.
_PAUSE = """
local cur = redis.call('PTTL', KEYS[1])
if cur < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 1
"""


class RedisTokenBucket:
    """The same bucket in Redis, shared by every worker of the deployment."""

    def __init__(
        self, redis: Any, rate: float, burst: float | None = None, prefix: str = "rukun:bc"
    ) -> None:
        self.redis = redis
        self.rate = rate
        self.burst = burst if burst is not None else burst_for(rate)
        self.keys = [f"{prefix}:bucket", f"{prefix}:pause"]
        self._acquire = redis.register_script(_ACQUIRE)
        self._pause = redis.register_script(_PAUSE)
        self._pending: set[asyncio.Task[Any]] = set()

    async def acquire(self) -> None:
        await self.acquire_many(1)

    async def acquire_many(self, n: int, least: int = 1) -> int:
        least = max(1, min(least, n, int(self.burst)))
        while True:
            taken, wait = await self._acquire(
                keys=self.keys, args=[self.rate, self.burst, n, 1, least]
            )
            if int(taken) >= 1:
                return int(taken)
            await asyncio.sleep(max(int(wait), 1) / 1000)

    def consume_nowait(self) -> None:
        task = asyncio.get_running_loop().create_task(
            self._acquire(keys=self.keys, args=[self.rate, self.burst, 1, 0, 1])
        )
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def pause(self, seconds: float) -> None:
        await self._pause(keys=self.keys[1:], args=[max(1, int(seconds * 1000))])


# KEYS: one per chat.  ARGV: the reservation of each (ms). Reserves every free chat (SET NX PX);
# returns the (1-based) positions of the chats that were not free, usually none: one command and
# a short answer for a whole claimed batch.
_RESERVE = """
local busy = {}
for i, key in ipairs(KEYS) do
  if not redis.call('SET', key, '1', 'NX', 'PX', ARGV[i]) then busy[#busy + 1] = i end
end
return busy
"""


class ChatPacer:
    """At least ``per_chat_interval`` between messages to a private chat; groups per minute."""

    def __init__(
        self, settings: BroadcastSettings, redis: Any = None, prefix: str = "rukun:bc"
    ) -> None:
        self.private = settings.per_chat_interval
        self.group = 60.0 / settings.group_per_minute
        self.redis = redis
        self.prefix = prefix
        self._next: dict[int, float] = {}
        self.reserve_script: Any = redis.register_script(_RESERVE) if redis is not None else None

    def interval(self, chat_id: int) -> float:
        return self.group if chat_id < 0 else self.private

    async def wait(self, chat_id: int) -> None:
        """Return when a message to ``chat_id`` is allowed, and reserve that moment."""
        interval = self.interval(chat_id)
        if self.redis is not None:
            key = f"{self.prefix}:chat:{chat_id}"
            ms = int(interval * 1000)
            while not await self.redis.set(key, b"1", nx=True, px=ms):
                left = await self.redis.pttl(key)
                await asyncio.sleep(max(left, 10) / 1000)
            return
        now = time.monotonic()
        if len(self._next) > 50_000:
            self._next = {c: t for c, t in self._next.items() if t > now}
        at = max(now, self._next.get(chat_id, 0.0))
        self._next[chat_id] = at + interval
        if at > now:
            await asyncio.sleep(at - now)


class TokenReserve:
    """A sender pool's share of the bucket: tokens are fetched in batches (one Redis round trip
    for up to ``burst`` sends) and handed out one at a time.

    A batch is taken whole: when other workers have just emptied the bucket, this one waits
    until a batch has refilled instead of polling for a token or two at a time (which would cost
    a round trip per message exactly when several workers share the rate). Free tier: the
    bucket holds one token, so a batch is one token, as before."""

    def __init__(self, limiter: RateLimiter, settings: BroadcastSettings) -> None:
        self.limiter = limiter
        self.batch = max(1, min(settings.concurrency, int(limiter.burst)))
        self.left = 0
        self._lock = asyncio.Lock()

    async def take(self) -> None:
        if self.left > 0:  # no await in between: nobody else can take this token
            self.left -= 1
            return
        async with self._lock:
            if self.left <= 0:
                self.left = await self.limiter.acquire_many(self.batch, self.batch)
            self.left -= 1

    async def pause(self, seconds: float) -> None:
        self.left = 0  # tokens taken before a 429 are not used
        await self.limiter.pause(seconds)


async def reserve_batch(pacer: ChatPacer, chat_ids: list[int], margin: float) -> dict[int, float]:
    """Reserve a send moment for every chat of a claimed batch at once (paid broadcasts): one Redis
    command for the batch. Returns the seconds each chat must still wait (0: none).

    The reservation lasts ``interval + margin`` (the time a claim may wait in the queue), so two
    reservations of one chat are never closer than its interval when the messages leave.
    """
    waits: dict[int, float] = {}
    if pacer.redis is None:
        now = time.monotonic()
        for chat_id in chat_ids:
            at = max(now, pacer._next.get(chat_id, 0.0))
            pacer._next[chat_id] = at + pacer.interval(chat_id) + margin
            waits[chat_id] = at - now
        return waits
    keys = [f"{pacer.prefix}:chat:{c}" for c in chat_ids]
    px = [int((pacer.interval(c) + margin) * 1000) for c in chat_ids]
    busy = await pacer.reserve_script(keys=keys, args=px)
    waits = dict.fromkeys(chat_ids, 0.0)
    for index in busy:  # rare: the chat got a message moments ago; wait the usual way
        waits[chat_ids[int(index) - 1]] = -1.0
    return waits


def make_limiter(settings: BroadcastSettings, redis: Any = None) -> RateLimiter:
    burst = burst_for(settings.rate_per_second, settings.allow_paid_broadcast)
    if redis is not None:
        return RedisTokenBucket(redis, settings.rate_per_second, burst)
    return LocalTokenBucket(settings.rate_per_second, burst)
