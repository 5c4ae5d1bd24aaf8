"""Persistence: SQLite (or any SQLAlchemy database) behind the project aggregate; no Qt here.

- ``migrate.open_database`` runs at start-up (health check, version check, backup,
  Alembic migrations) and returns a ``database.Database``;
- ``repository.ProjectRepository`` loads and stores whole projects in a session;
- ``backups`` finds and restores backups; ``errors`` holds every error, each a
  sentence for the user; ``exchange`` reads and writes ``*.scope.json`` files.

Nothing is imported here, so reading a project file does not load the database machinery.
"""
