"""Allow ``python -m newsfuse``."""

from newsfuse.cli.main import app

app()
