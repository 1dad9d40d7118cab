"""Helpers that know no app: pagination, list filters, search, yearly counters, CSV import, text, admin menu.

Every app may use them; they import nothing from the apps above the ground floor.
"""
