"""Flask-WTF forms: labels and messages through lazy_gettext, so errors come in Welsh too.

CSRFProtect guards every POST app-wide; these forms add validation with clear messages.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

from indexer.usermodels import CLIENT_REF_MAX_CHARS, NAME_MAX_CHARS, NOTE_MAX_CHARS
from portal.userdata import EMAIL_PATTERN, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS


class ShortlistForm(FlaskForm):
    name = StringField(
        _l("Name of the shortlist"),
        validators=[
            DataRequired(message=_l("Enter a name for the shortlist")),
            Length(
                max=NAME_MAX_CHARS,
                message=_l("The name must be %(max)s characters or fewer", max=NAME_MAX_CHARS),
            ),
        ],
    )
    client_ref = StringField(
        _l("Client reference (optional)"),
        description=_l("Your own reference for the client. Do not use their name."),
        validators=[
            Optional(),
            Length(
                max=CLIENT_REF_MAX_CHARS,
                message=_l(
                    "The client reference must be %(max)s characters or fewer",
                    max=CLIENT_REF_MAX_CHARS,
                ),
            ),
        ],
    )


class NoteForm(FlaskForm):
    note = TextAreaField(
        _l("Note"),
        validators=[
            Length(
                max=NOTE_MAX_CHARS,
                message=_l("The note must be %(max)s characters or fewer", max=NOTE_MAX_CHARS),
            )
        ],
    )
    shared = BooleanField(_l("Show this note to the client on the shared page"))


class SignUpForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[
            DataRequired(message=_l("Enter your email address")),
            Regexp(EMAIL_PATTERN, message=_l("Enter an email address like name@example.com")),
            Length(max=254, message=_l("Enter an email address like name@example.com")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        description=_l("At least %(min)s characters.", min=PASSWORD_MIN_CHARS),
        validators=[
            DataRequired(message=_l("Enter a password")),
            Length(
                min=PASSWORD_MIN_CHARS,
                max=PASSWORD_MAX_CHARS,
                message=_l(
                    "The password must be between %(min)s and %(max)s characters",
                    min=PASSWORD_MIN_CHARS,
                    max=PASSWORD_MAX_CHARS,
                ),
            ),
        ],
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[
            DataRequired(message=_l("Enter the password again")),
            EqualTo("password", message=_l("The passwords do not match")),
        ],
    )


class SignInForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(message=_l("Enter your email address"))],
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(message=_l("Enter your password"))],
    )
