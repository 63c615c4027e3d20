"""The dashboard: HTML pages and static assets served by `detente.api.create_app`."""
