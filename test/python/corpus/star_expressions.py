# Starred expressions and unpacking everywhere they are allowed.
a, *b = range(3)
*c, d = range(3)
e, *f, g = range(4)
*h, = range(2)
[i, *j] = range(3)
(k, *l), m = (1, 2), 3
for x, *y in [(1, 2, 3)]:
    pass
for *z, in [(1,)]:
    pass
t1 = *a, *b
t2 = 1, *b, 2
l1 = [*a, *b, *range(2)]
s1 = {*a, *b}
d1 = {**{"a": 1}, "b": 2, **dict(c=3)}
print(*a, *b, sep="", **{"end": ""}, **{"flush": False})
print(*a, x, *b, y=1, *c, **d1) if False else None


def returns():
    return *a, *b


def yields():
    yield *a, *b
    x = yield *a, 1


def subscripts(arr):
    arr[*a]
    arr[1:2, *a]
    arr[*a, *b]
    arr[*a,]


def annotated(*args: *tuple[int, ...]):
    pass


for item in *a, *b:
    pass
x = [*(1, 2)]
y = (*a,)
z = *a, 
del (a), [b]
first, second = *range(2),
