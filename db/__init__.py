"""Storage: engine, tables, migrations and the services, the only code that writes."""
