"""The regression tests use the project's own pytest plugin, as a user's repository would.

Only the fixture is imported (not the plugin's hooks), so this keeps working once the plugin is
also registered as a ``pytest11`` entry point.
"""

from harness.pytest_plugin import score_regression  # noqa: F401
