"""View-model builders: turn SearchPage and course documents into template-ready dicts.

They take the page language as an argument and need no Flask request, so they are tested
directly (eq-runner's contexts). UI strings go through Flask-Babel's gettext, which falls
back to English outside a request; numbers and dates go through Babel with the explicit
locale.
"""
