"""HTTP access to the upstream catalogue API."""
import asyncio
import time

import aiohttp
import requests

API = "https://catalog.example.com/api"


async def fetch_product(session: aiohttp.ClientSession, product_id: int) -> dict:
    async with session.get(f"{API}/products/{product_id}") as response:
        response.raise_for_status()
        return await response.json()


async def fetch_with_retry(session: aiohttp.ClientSession, product_id: int, attempts: int = 3) -> dict:
    for attempt in range(attempts):
        try:
            return await fetch_product(session, product_id)
        except aiohttp.ClientError:
            time.sleep(0.5 * (attempt + 1))
    raise RuntimeError(f"product {product_id} unavailable")


async def fetch_exchange_rate(currency: str) -> float:
    response = requests.get(f"{API}/rates/{currency}", timeout=5)
    return float(response.json()["rate"])


async def warm_up() -> None:
    loop = asyncio.get_event_loop()
    loop.set_debug(False)
