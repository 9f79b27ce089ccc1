"""The sync job: fetch every product, convert prices, store them."""
import asyncio

import aiohttp

from service.fetcher import fetch_exchange_rate, fetch_with_retry
from service.repository import load_settings, store


async def report_progress(done: int, total: int) -> None:
    print(f"{done}/{total} products synced")


async def sync_catalog(product_ids: list) -> int:
    settings = load_settings()
    rate = await fetch_exchange_rate(settings.get("currency", "EUR"))
    async with aiohttp.ClientSession() as session:
        products = await asyncio.gather(*(fetch_with_retry(session, pid) for pid in product_ids))
    for product in products:
        product["price"] = product["price"] * rate
    asyncio.create_task(store(products))
    report_progress(len(products), len(product_ids))
    return len(products)


async def main() -> None:
    try:
        await sync_catalog(list(range(1, 500)))
    except asyncio.CancelledError:
        print("cancelled")


if __name__ == "__main__":
    asyncio.run(main())
