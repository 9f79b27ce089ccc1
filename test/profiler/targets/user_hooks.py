"""The user's own task factory and exception handler stay in charge (and eager tasks on 3.12+)."""
import asyncio
import gc
import sys

seen = []
def factory(loop, coro, **kw):
    seen.append(getattr(coro, "__qualname__", "?"))
    return asyncio.Task(coro, loop=loop, **kw)
def handler(loop, ctx):
    print("user handler:", ctx["message"])
async def boom():
    raise ValueError("x")
async def main():
    loop = asyncio.get_running_loop()
    assert loop.get_task_factory() is factory, loop.get_task_factory()
    loop.set_task_factory(None)
    loop.set_task_factory(factory)
    assert loop.get_task_factory() is factory
    assert loop.get_exception_handler() is handler
    await asyncio.gather(asyncio.sleep(0), asyncio.sleep(0))
    asyncio.ensure_future(boom())  # USER-BOOM
    await asyncio.sleep(0.01)
    gc.collect()
    await asyncio.sleep(0.01)
loop = asyncio.new_event_loop()
loop.set_task_factory(factory)
loop.set_exception_handler(handler)
loop.run_until_complete(main())
print("user factory saw", seen)
if sys.version_info >= (3, 12):
    async def m2():
        asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
        t = asyncio.create_task(asyncio.sleep(0, result=5))
        print("eager", await t)
    asyncio.run(m2())
