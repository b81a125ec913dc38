"""The JSON API and the web pages, served by `redflags serve`. Build the app with `create_app(settings)`."""
from redflags.api.app import create_app

__all__ = ["create_app"]
