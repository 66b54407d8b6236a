"""Blueprints grouped by audience: public pages, providers, the JSON API and error pages."""
