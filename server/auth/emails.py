"""The account emails: each has a plain-text and an HTML part."""

from __future__ import annotations

from html import escape

from models.accounts import CodePurpose
from server.core.config import get_config
from server.mail.message import OutgoingMessage

_PURPOSE_TEXT = {
    CodePurpose.verify_email: ("Confirm your email", "to confirm your email address"),
    CodePurpose.login: ("Your sign-in code", "to sign in"),
    CodePurpose.password_reset: ("Reset your password", "to choose a new password"),
    CodePurpose.link_account: ("Connect your sign-in", "to connect a new sign-in method"),
}


def _html(title: str, body_html: str) -> str:
    return (
        '<!doctype html><html><body style="font-family:Arial,sans-serif;color:#111;'
        'background:#f6f7f9;padding:24px"><table role="presentation" width="100%" '
        'style="max-width:520px;margin:auto;background:#fff;border-radius:8px;padding:24px">'
        f'<tr><td><h1 style="font-size:20px">{escape(title)}</h1>{body_html}'
        '<p style="color:#666;font-size:12px">If you did not ask for this, ignore this '
        "email.</p></td></tr></table></body></html>"
    )


def code_email(email: str, code: str, purpose: CodePurpose) -> OutgoingMessage:
    title, why = _PURPOSE_TEXT[purpose]
    minutes = get_config().code_ttl_minutes
    text = (
        f"{title}\n\nYour Inkwell code is {code}\n\nEnter it {why}. "
        f"It expires in {minutes} minutes and works once.\n\n"
        "If you did not ask for this, ignore this email."
    )
    html = _html(
        title,
        f"<p>Enter this code {escape(why)}:</p>"
        f'<p style="font-size:32px;letter-spacing:6px;font-weight:bold">{code}</p>'
        f"<p>It expires in {minutes} minutes and works once.</p>",
    )
    return OutgoingMessage(to=[email], subject=f"{code} is your Inkwell code", text=text, html=html)


def existing_account_email(email: str) -> OutgoingMessage:
    url = get_config().effective_public_url
    text = (
        "Someone (maybe you) tried to sign up for Inkwell with this address, but it already "
        f"has an account.\n\nSign in: {url}/login\nForgot your password? {url}/forgot\n\n"
        "If this was not you, you can ignore this email; nothing has changed."
    )
    html = _html(
        "You already have an account",
        "<p>Someone (maybe you) tried to sign up with this address, but it already has an "
        f'account.</p><p><a href="{escape(url)}/login">Sign in</a> or '
        f'<a href="{escape(url)}/forgot">reset your password</a>.</p>',
    )
    return OutgoingMessage(
        to=[email], subject="You already have an Inkwell account", text=text, html=html
    )
