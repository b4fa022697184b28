"""Surveys that measure campaign impact: YAML definitions, the in-chat runner, CSV import,
analysis (SQL aggregates, pandas, scipy), charts and exports."""
