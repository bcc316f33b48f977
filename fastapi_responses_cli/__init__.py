"""frcli: watch FastAPI build real HTTP responses. The version is written here only: the
package metadata (pyproject.toml, ``dynamic = ["version"]``) is read from this line."""

__version__ = "0.1.0"
