"""The demo accounts the journeys log in with (README "Demo logins")."""

PASSWORD = "velfaerd-demo"
