# Position edge cases: parentheses, generator arguments, aliases, keywords, slices, handlers.
import a.b.c as d, e
from x.y import (z as w,
                 v)
from . import *
result = f(x for x in range(3))
result = f((x for x in range(3)))
result = f(a, *(x for x in ()), **{})
tuple_parens = ((1, 2))
tuple_bare = 1, 2
empty_tuple = ()
nested_parens = (((a)).b)
attr_lines = (a
              .b
              .c)
call_lines = g(
    1,
    key=2,
    **kw,
)
sub = a[1:2], a[:], a[::], a[1:], a[:, 1], a[
    1
    :
]
starred = [*a, *(b), *[c]]
kw_call = f(a=1, b=(2), **c, d=3)
lambda_pos = lambda: (yield)
ifexp = (a
         if b
         else c)
bool_multi = (a and
              b or
              c)
compare_multi = (a <
                 b)
string_concat = ("a"
                 "b"
                 f"{c}")
neg = -1, - 1, -(1), not a
subscript_call = a[0](1)[2]


@decorator
@decorator.attr(arg)
def decorated(a: int = 1, *args: str, b: (int) = 2, **kwargs: "x") -> (None):
    """Docstring."""
    global g1, g2
    try:
        pass
    except (ValueError, TypeError) as err:  # comment
        pass
    # trailing comment inside the function, after the last statement

    # another after a blank line
# a comment at column 0 that ends the function


@decorator
class Decorated(Base, metaclass=Meta):
    x: int = 1

    async def method(self):
        async with a as b, c:
            pass
        async for i in j:
            pass


if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass

while a:
    break
else:
    pass

for i in j:
    continue

with a as (b, c), d as e.f:
    pass

match command.split():
    case [action]:
        pass
    case [action, obj] if obj:
        pass
    case Point(x=0) | {"k": _} | [1, *_] | (None | True) as whole:
        pass
    case _:
        pass

del a, (b), [c, d], e.f, g[0]
assert a, (b)
raise a from (b)
x = yield_ = await_ = None
type T = (int)
