"""The basket a person fills before booking, kept in their session (not in the database until sent).

Entries are ``{"kind": "equipment"|"pack", "id": 1, "quantity": 2}``; the session belongs to
the person, so nobody can put anything into someone else's basket.
"""

from .services import MAX_LINES

SESSION_KEY = "basket"
KINDS = ("equipment", "pack")


def stored(session) -> list[dict]:
    data = session.get(SESSION_KEY)
    return [e for e in data if isinstance(e, dict) and e.get("kind") in KINDS] if isinstance(data, list) else []


def key(kind: str, pk: int) -> str:
    return f"{kind}-{pk}"


def _save(session, entries: list[dict]) -> None:
    session[SESSION_KEY] = entries
    session.modified = True


def add(session, *, kind: str, pk: int, quantity: int = 1) -> bool:
    """Put an item in the basket, or add to its quantity. False when the basket is full."""
    entries = stored(session)
    for entry in entries:
        if (entry["kind"], entry["id"]) == (kind, pk):
            entry["quantity"] = min(50, int(entry.get("quantity") or 1) + quantity) if kind == "equipment" else 1
            _save(session, entries)
            return True
    if len(entries) >= MAX_LINES:
        return False
    entries.append({"kind": kind, "id": pk, "quantity": quantity if kind == "equipment" else 1})
    _save(session, entries)
    return True


def remove(session, line_key: str) -> None:
    _save(session, [e for e in stored(session) if key(e["kind"], e["id"]) != line_key])


def set_quantities(session, quantities: dict[str, int]) -> None:
    """New numbers of units per line key (1–50); lines not named keep theirs."""
    entries = stored(session)
    for entry in entries:
        wanted = quantities.get(key(entry["kind"], entry["id"]))
        if wanted is not None and entry["kind"] == "equipment":
            entry["quantity"] = max(1, min(50, wanted))
    _save(session, entries)


def clear(session) -> None:
    session.pop(SESSION_KEY, None)


def count(session) -> int:
    return len(stored(session))
