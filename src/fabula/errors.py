"""Errors that reach users as one line: bad input, not bugs."""


class FabulaError(Exception):
    """Anything a user can fix: a missing file, an undecodable or oversized input, a bad cast file."""


class InputError(FabulaError):
    """The input cannot be read as a story."""
