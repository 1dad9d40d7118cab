"""Personal data: what the platform keeps, for how long, and each person's right to see and erase it.

- ``videnscenter.personal_data`` (the registry; beside this package so that ``rules`` can read it):
  the classes of data with their retention periods, and where each app keeps a person's data,
  filled by every app from its ``AppConfig.ready`` (the ground floor imports no app).
- ``services``: erase a person, ask to be erased, apply the retention periods.
- ``selectors``: everything held about a person, the people a member of staff may erase.
- ``sources``: the ground floor's own data (account, memberships, invitations, logs, sign-ins).
- ``views`` (the person's own pages), ``admin_views`` (staff, in the Wagtail admin).
"""
