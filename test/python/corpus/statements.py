# Simple and compound statements of every kind.
import os
import os.path
import os.path as osp, sys as system
from os import path
from os import (path as p, sep,)
from os.path import *
from . import sibling
from .. import parent
from ...pkg.mod import name as alias
from .mod import (a,
                  b as c)
from.mod import x
from . mod import y

counter = 0


def scopes():
    global counter, other
    counter += 1
    value = 1

    def inner():
        nonlocal value
        value = 2
        global counter
    inner()
    del value
    return value if False else None


class Klass(object, metaclass=type, **{}):
    """Docstring."""
    attr: int
    attr2: "str" = "x"
    (parenthesized): int = 1
    dotted.attr: int = 2
    sub[0]: int

    def method(self):
        self.a = self.b = 1
        self.c: int = 0
        x = y = z = 0
        x, y = y, x
        [x, y] = (y, x)
        x += 1; x -= 1; x *= 2; x /= 2; x //= 2; x %= 2; x **= 2
        x @= y; x &= 1; x |= 1; x ^= 1; x <<= 1; x >>= 1
        del self.a, x, (y), [z]
        del self.b[0], self.c[1:2]
        assert x
        assert x, "message"
        pass
        return
        return x
        return x, y
        yield
        yield x
        yield from y
        await_ = 0


for i in range(3):
    if i == 0:
        continue
    elif i == 1:
        break
    elif i:
        pass
    else:
        pass
else:
    pass

while counter < 0:
    counter += 1
else:
    counter = 0

with open(__file__) as f:
    pass
with open(__file__) as f, open(__file__) as g:
    pass
with (open(__file__) as f, open(__file__) as g,):
    pass
with (open(__file__)):
    pass
with (open(__file__), open(__file__)):
    pass
with (open(__file__)) as f:
    pass
with (yield_ := open(__file__)) as h:
    pass
with open(__file__) as (a, b):
    pass
with open(__file__) as [a, b]:
    pass

if True: pass
if True: x = 1; y = 2;
while False: pass
for x in (): pass
class Empty: pass
class Empty2(): ...
def one_liner(): return 1
def semicolons(): x = 1; return x;
x = 1;
