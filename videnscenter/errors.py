from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A rule of the business was broken; the message is meant for the person who tried."""


def add_to_form(form, exc: ValidationError, *, rename: dict[str, str] | None = None) -> None:
    """Show a service's error on the form: per field where the form has that field, else on top.

    ``rename`` maps a service's field name to the form's (e.g. ``{"password": "password1"}``).
    """
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        field = (rename or {}).get(field, field)
        form.add_error(field if field in form.fields else None, errors)
