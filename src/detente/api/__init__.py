"""The JSON API and the dashboard, as one FastAPI app: `create_app(settings)`."""

from .app import create_app

__all__ = ["create_app"]
