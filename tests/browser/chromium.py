"""Debian's Chromium and the flags it is launched with, here and in bench/phone_journey.py:
Playwright's own browser download is never used.

The tests prefer Debian's headless shell (package chromium-headless-shell: the same
Chromium release built for headless use only, what Playwright itself runs headless by
default): it took a third of the processor time of the full browser for the same page
loads on a 2-core machine, and the whole browser suite ran in 66 s instead of 83 s. Where
it is not installed, the full browser (package chromium) runs them; CI runs the suite in
both. CHROMIUM_PATH names another binary.
"""

import os
import shutil

HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
FULL_BROWSER = "/usr/bin/chromium"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or (
    HEADLESS_SHELL if shutil.which(HEADLESS_SHELL) else FULL_BROWSER
)
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
