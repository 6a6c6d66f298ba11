"""Errors that describe bad input. They become one errors.csv row, never a traceback."""

from __future__ import annotations


class InputError(Exception):
    """An article that cannot be processed, with a short code and a human message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
