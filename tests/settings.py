"""The test suite's settings: the site's own, with a second database alias for the read
replica's tests (tests/core/test_replica.py), and a fast password hasher.

The alias is the test database itself (TEST MIRROR), as a replica holds its primary's
rows. The router sends it nothing unless READ_REPLICA names it, which only those tests do.
"""

from tocdp.settings import *  # noqa: F403
from tocdp.settings import DATABASES

DATABASES.setdefault(
    "replica", {**DATABASES["default"], "ATOMIC_REQUESTS": False, "TEST": {"MIRROR": "default"}}
)

# The figure cache stays off even where the environment names a Redis: the tests' writes
# are rolled back, never committed, so nothing would clear it between them. Its own tests
# (tests/indicators/test_figure_cache.py) turn it on with committed writes.
FIGURE_CACHE = False
# Tests create many users, some in fixtures shared by a module; the production hasher is slow
# on purpose (tests/accounts/test_password_hashing.py tests it).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
