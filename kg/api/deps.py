"""Typed FastAPI dependencies: the routes ask for the service or the settings by type."""

from typing import Annotated

from fastapi import Depends, Request

from kg.api.service import Service
from kg.api.settings import Settings


# async on purpose: FastAPI runs a plain `def` dependency in a thread, a hop for every request
async def get_service(request: Request) -> Service:
    return request.app.state.service


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


ServiceDep = Annotated[Service, Depends(get_service)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
