"""newsfuse: read one news story through every outlet at once."""

__version__ = "0.1.0"
