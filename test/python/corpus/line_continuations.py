# Backslash continuations and implicit joining inside brackets.
total = 1 + \
    2 + \
        3
if total > 1 and \
   total < 10:
    pass
with open("/dev/null") as f, \
     open("/dev/null") as g:
    pass
assert total, \
    "message"
x = [
    1,
    2,  # comment
    # comment line
    3,
]
y = (1
     +
     2)
z = {
    'a':
        1,
}
call = print(
    "a",
    end="",
)
s = "abc\
def"
t = """triple \
continued"""
def f(a,
      b):
    return a \
        + b
lambda_ = lambda \
    a: a
from os import (path,
                sep)
import os.path \
    as osp
del \
    z
value = x[
    0
] \
    if x else None
for i in \
        range(3):
    pass
class K(
    object,
):
    attr = \
        1
text = ("implicit "
        "joining "
        'across lines')
chained = total \
    .bit_length()
trailing_ws_continuation = 1 + \
2
