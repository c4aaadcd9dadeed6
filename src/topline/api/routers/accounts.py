"""Who the token is, the organization's users (owner ids) and pipelines (stage ids)."""

from ninja import Router

from topline.accounts.selectors import users_for_org
from topline.api.auth import org
from topline.api.errors import READ
from topline.api.schemas.accounts import MeOut, UserOut
from topline.api.schemas.deals import PipelineOut
from topline.deals.selectors import pipeline_list
from topline.deals.services import pipeline_default

router = Router(tags=["organization"])


@router.get("/me", response={200: MeOut, **READ})
def me(request):
    token = request.auth
    return {"user": token.user, "organization": token.organization, "token_name": token.name}


@router.get("/users", response={200: list[UserOut], **READ})
def list_users(request):
    """Members of the organization: the ids that `owner` fields take."""
    return users_for_org(org(request))


@router.get("/pipelines", response={200: list[PipelineOut], **READ})
def list_pipelines(request):
    """Pipelines with their stages: the ids that deal `stage` fields and /move take."""
    pipeline_default(organization=org(request))  # made on first use, as the board does
    return pipeline_list(org=org(request))
