"""gunicorn settings for production (README, "Running in production" and "Security").

``gunicorn videnscenter.wsgi`` picks this file up from the working directory.
"""

# Tokens in URLs (invitations, activation, password reset, calendar feeds) are logged as [skjult].
logger_class = "videnscenter.gunicorn_logging.RedactingLogger"
# Access lines (when --access-logfile is given): combined format minus the user agent, redacted.
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" %(M)sms'
