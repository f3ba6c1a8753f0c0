"""Errors a user can fix: reported as one line, never as a traceback."""


class UserError(Exception):
    """A problem with the user's input or environment; the message says what to do."""
