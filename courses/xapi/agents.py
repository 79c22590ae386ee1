"""Agents: the actor the LMS uses for one of its users, and the canonical key of an Agent's
inverse functional identifier (IFI), which the store's filters and credentials compare."""

from django.conf import settings


def actor_for_user(user) -> dict:
    """The xAPI Agent for `user`: an account on the LMS (homePage = settings.XAPI_IRI_BASE)
    whose name is "user-<primary key>".

    Why the primary key: it is stable for the life of the account (an employee id can be
    corrected by HR, an email changes with a name), and it means nothing outside the LMS, so a
    statement forwarded to the city's LRS identifies a learner only to someone who can also read
    the LMS's own database. Hashing it would add nothing (a small integer is found again by
    hashing every candidate) and a keyed hash would change whenever its key is rotated. Never a
    name, an email or an employee id: the statement carries no personal data.
    """
    return actor_for_user_id(user.pk)


def actor_for_user_id(user_id: int) -> dict:
    """actor_for_user for a user's primary key (no need to load the user)."""
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.XAPI_IRI_BASE, "name": f"user-{user_id}"},
    }


def agent_key(agent: dict) -> str:
    """The canonical key of an Agent's (or identified Group's) IFI:
    "mbox:mailto:…", "mbox_sha1sum:…", "openid:…" or "account:<homePage>|<name>".
    An anonymous Group (no IFI) gives "" (it matches no agent filter)."""
    if not isinstance(agent, dict):
        return ""
    if agent.get("mbox"):
        return f"mbox:{str(agent['mbox']).lower()}"
    if agent.get("mbox_sha1sum"):
        return f"mbox_sha1sum:{str(agent['mbox_sha1sum']).lower()}"
    if agent.get("openid"):
        return f"openid:{agent['openid']}"
    account = agent.get("account")
    if isinstance(account, dict):
        return f"account:{account.get('homePage', '')}|{account.get('name', '')}"
    return ""


def lms_authority() -> dict:
    """The authority of every statement this store keeps: the LMS, which issued the credential
    the statement came with (or wrote the statement itself)."""
    return {
        "objectType": "Agent",
        "name": "Equity LMS",
        "account": {"homePage": settings.XAPI_IRI_BASE, "name": "equity-lms"},
    }
