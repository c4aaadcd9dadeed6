from ninja import Schema


class UserOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str


class OrganizationOut(Schema):
    id: int
    name: str
    slug: str
    currency: str
    time_zone: str


class MeOut(Schema):
    user: UserOut
    organization: OrganizationOut
    token_name: str
