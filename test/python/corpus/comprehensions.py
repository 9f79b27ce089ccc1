# Comprehensions and generator expressions.
data = range(10)
l1 = [x for x in data]
l2 = [x * y for x in data for y in data if x if y > 2]
l3 = [[y for y in range(x)] for x in data]
s1 = {x % 3 for x in data}
d1 = {x: x ** 2 for x in data if x % 2 == 0}
d2 = {k: v for k, v in zip(data, data)}
g1 = (x for x in data)
g2 = sum(x for x in data)
g3 = sorted((x for x in data), key=lambda v: -v)
g4 = any(x > 5 for x in data if x)
t1 = [(x, y) for x, y in [(1, 2)]]
t2 = [x for (x, *_), in [((1, 2),)]]
u1 = [y for x in data if (y := x * 2) > 3]
n1 = [x for x in [y for y in data] if x]
n2 = {x: {y for y in range(x)} for x in data}
c1 = [x for x in data if x if not x if x > 1]
c2 = [x
      for x in data
      if x]
lam = [lambda: x for x in data]
cond = [x if x else -x for x in data]
attr = [x.real for x in data]
unpack = [*[x for x in data]]
star_in_target = [a for *a, b in [(1, 2)]]
ternary_iter = [x for x in (data if True else [])]
