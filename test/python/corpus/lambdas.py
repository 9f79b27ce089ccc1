# Lambdas: defaults, star args, keyword-only, nesting, in odd places.
a = lambda: None
b = lambda x: x
c = lambda x, y=1, *args, z=2, w, **kw: (x, y, args, z, w, kw)
d = lambda x=lambda: 1, y=(lambda q=2: q)(): x() + y
e = lambda *, only: only
f = lambda x, /, y: x + y
g = lambda: (yield)
h = lambda: lambda: lambda: 0
i = (lambda x: x)(1)
j = [lambda n=n: n for n in range(3)]
k = {"key": lambda v: v, **{"other": lambda: 0}}
l = lambda x: x if x else lambda: x
m = lambda x: (x, x)
n = lambda *a: a
o = lambda **k: k
p = lambda a, b, c=3, *d, e=5, **f: 0
q = sorted([3, 1], key=lambda v: -v)
r = lambda x=[1, 2][0], y={"a": 1}["a"], z=f"{1}": x
s = lambda: (x := 1)
t = lambda x: not x
u = lambda x: await_ if (await_ := x) else x
v = lambda default=-1, other=+2.5j: default
