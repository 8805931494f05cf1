"""A Redis connection pool that stops trying a Redis it could not reach, for a moment.

The cache skips a Redis that is down (django-redis, IGNORE_EXCEPTIONS), but each page would
still try it, twice (a session read, then its write back), and a Redis whose machine is
gone costs each try the whole connect timeout. After a failed connection, this pool fails
at once for `PAUSE` seconds: during an outage a process tries Redis once every few seconds
instead of at every page, and the pages read their sessions from the database.
"""

from time import monotonic

import redis


class PausingConnectionPool(redis.ConnectionPool):
    PAUSE = 5.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._paused_until = 0.0

    def get_connection(self, *args, **kwargs):
        if monotonic() < self._paused_until:
            raise redis.ConnectionError("Redis could not be reached a moment ago: not tried.")
        try:
            return super().get_connection(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError):
            self._paused_until = monotonic() + self.PAUSE
            raise
