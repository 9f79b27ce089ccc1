# Type comments: ignored by a default ast.parse (type_comment stays None).
from typing import List

x = []  # type: List[int]
y = 1  # type: ignore
z = 2  # type: ignore[assignment]


def f(a,  # type: int
      b,  # type: str
      ):
    # type: (...) -> None
    pass


def g(a, b):
    # type: (int, str) -> bool
    return True


for i in []:  # type: int
    pass

with open(__file__) as fh:  # type: object
    pass


async def h():  # type: () -> None
    async for j in k():  # type: int
        pass
    async with k() as m:  # type: int
        pass
# type: ignore
