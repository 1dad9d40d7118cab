"""School requests ("henvendelser"): the portal's form for SOSU schools and the staff's inbox.

``services`` writes (send, mark handled), ``forms`` and ``views`` are the public form at
``/henvendelse/``, ``admin`` is the inbox in the Wagtail admin (registered in ``cms.wagtail_hooks``).
"""
