"""Alembic's environment: migrations run in-process, on the connection the app hands over.

There is no alembic.ini: :mod:`scoping_app.store.migrate` builds the configuration
and passes an open connection (already inside the migration's transaction) in
``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from scoping_app.store.tables import metadata

connection = context.config.attributes.get("connection")
if context.is_offline_mode() or connection is None:
    raise RuntimeError("Migrations run through scoping_app.store.migrate, on an open connection.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    transactional_ddl=True,  # SQLite's DDL is transactional: all or nothing
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
