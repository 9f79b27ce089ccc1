"""Persistence: a small SQLite store with a synchronous helper used from async code."""
import json
import sqlite3

DB_PATH = "catalog.db"


def load_settings(path: str = "settings.json") -> dict:
    # a sync helper: fine in a thread, blocking when called from a coroutine
    with open(path) as handle:
        return json.load(handle)


def save_products(products: list) -> None:
    connection = sqlite3.connect(DB_PATH)
    with connection:
        connection.executemany(
            "INSERT OR REPLACE INTO products (id, body) VALUES (?, ?)",
            [(product["id"], json.dumps(product)) for product in products],
        )
    connection.close()


async def store(products: list) -> None:
    save_products(products)
