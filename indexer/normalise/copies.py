"""Cheap independent copies of cached pydantic records.

Memoised results are handed out as copies, because Course models are mutable and courses
must not share state. `model_copy()` goes through `copy.copy` and costs about a third more
than setting the four slots of a BaseModel directly, which is all a shallow copy needs for
our schema models (no private attributes, no extras).
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
_new = object.__new__
_set = object.__setattr__


def fresh(value: M) -> M:
    """A shallow copy of `value` (field values shared, so only for immutable ones)."""
    copy = _new(value.__class__)
    _set(copy, "__dict__", value.__dict__.copy())
    _set(copy, "__pydantic_fields_set__", value.__pydantic_fields_set__.copy())
    _set(copy, "__pydantic_extra__", None)
    _set(copy, "__pydantic_private__", None)
    return copy
