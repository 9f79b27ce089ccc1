# Identifier characters, continuation-only lines, call argument orders, targets.
a·b = 1  # MIDDLE DOT continues an identifier
℘ = 1  # Other_ID_Start
℮x = 2
é = 1  # combining acute: NFKC makes it é
\
x = 1
y = (\
1)
if True:
    z = 1
    \

w = 1 # comment \
v = 2
def f1(*, a): pass
def f2(a, *, b, **c): pass
class A(*b, **c): pass
f(*a, b=1, *c)
f(a, *b, c, *d, e=1, **f, g=2)
f(a for a in b)
x = yield from a
x = [(yield)]
async def f3(): return [x async for x in y if await z]
async def f4(): await x ** 2
x = a.b.c.d(e)[f].g
x = a[1][2:3][::4]
@a.b[c](d)
def f5(): pass
if (a := 1) and (b := 2): pass
x = 1 if 2 else 3 if 4 else 5
def f6():
  x = 1
  def g():
    nonlocal x
    global y
x = {**a, **b}
x = {*a, *b}
x = {1: 2, **a}
x = a if b else c, d
for x, in y: pass
for (x), in y: pass
for [x] in y: pass
for x.attr in y: pass
for x[0] in y: pass
x: 'int' = 1
x.y: int
(x): int
x[0]: int = 1
global x; x = 1
x = '\N{DIGIT ZERO}\N{DIGIT ONE}'
x = b'\N{DIGIT ZERO}'
x = '\N{LATIN CAPITAL LETTER A WITH MACRON}\N{COMBINING GRAVE ACCENT}'
