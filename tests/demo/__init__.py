import pytest

# The shared checks of the demo tests (support.py) report their values when they fail.
pytest.register_assert_rewrite("tests.demo.support")
