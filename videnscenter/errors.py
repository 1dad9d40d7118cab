from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A rule of the business was broken; the message is meant for the person who tried."""
