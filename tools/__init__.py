"""Build scripts that make the package's data files (run by hand, never at run time)."""
