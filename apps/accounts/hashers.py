"""How passwords are kept: Argon2id with OWASP's minimum settings (19 MiB, 2 passes, 1 lane).

Django's default (PBKDF2, 1,000,000 rounds) costs 0.35-0.43 s of processor time per login
on a 2-core server: fifty officials logging in at a month's end queue for 8-14 s and stall
every other page. Argon2id is memory-hard, so it resists guessing on graphics cards with
far less processor time: these settings take about 30 ms. Django's own Argon2 settings
(100 MiB, 8 lanes) cost as much as PBKDF2 here, and 100 MiB a login is more than a small
server spares for a burst. The algorithm name stays "argon2", so a password kept with other
settings (or with PBKDF2) is re-kept with these the next time its owner logs in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
