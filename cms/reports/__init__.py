"""The centres' yearly activity report and the usage reports, in the Wagtail admin.

They read every app, so they live in the top layer. ``measures`` computes each figure (one
function per measure), ``targets`` judges a figure against its target (pure), ``selectors``
builds the reports' rows, ``charts`` draws them as SVG (pure), ``documents`` writes the XLSX and
PDF a centre sends, ``views`` are the admin's report views. The school request form lives in
``requests``.
"""
