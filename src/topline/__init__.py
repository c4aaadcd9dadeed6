"""Topline: a self-hostable CRM that shows where revenue comes from."""
