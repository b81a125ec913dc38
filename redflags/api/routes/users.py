"""Users (admin only): list, create, change role, disable, issue API tokens."""
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from redflags.api.deps import Admin, StoreDep, audit

router = APIRouter(prefix="/api/users", tags=["users"])
Role = Literal["admin", "analyst", "viewer", "auditor"]


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=10)
    role: Role


class RoleIn(BaseModel):
    role: Role


@router.get("")
def list_users(store: StoreDep, caller: Admin) -> dict:
    return {"users": [{"name": u.name, "role": u.role} for u in store.accounts.users()]}


@router.post("", status_code=201)
def add_user(body: UserIn, store: StoreDep, caller: Admin) -> dict:
    user = store.accounts.add_user(body.name, body.password, body.role)
    audit(store, caller, "user_add", user.name, role=user.role)
    return {"name": user.name, "role": user.role}


@router.put("/{name}/role")
def set_role(name: str, body: RoleIn, store: StoreDep, caller: Admin) -> dict:
    user = store.accounts.set_role(name, body.role)
    audit(store, caller, "user_role", name, role=body.role)
    return {"name": user.name, "role": user.role}


@router.delete("/{name}")
def disable(name: str, store: StoreDep, caller: Admin) -> dict:
    store.accounts.disable(name)
    audit(store, caller, "user_disable", name)
    return {"name": name, "disabled": True}


@router.post("/{name}/tokens", status_code=201)
def new_token(name: str, store: StoreDep, caller: Admin) -> dict:
    token = store.accounts.new_token(name)
    audit(store, caller, "token_issue", name)
    return {"name": name, "token": token, "note": "shown once; store it safely"}
