# Slices and subscripts of every shape.
a = list(range(10))
s = a[1], a[-1], a[1:], a[:2], a[1:2], a[::2], a[1::2], a[:2:], a[::], a[:], a[1:2:3]
t = a[len(a) - 1], a[a[0]], a[(1)], a[(1, 2)] if False else None
ext = [a[1:2, 3], a[:, :], a[..., 0], a[1, 2, 3], a[1:2, ::3, ...], a[:, None]] if False else None
tup = a[1,] if False else None
neg = a[-1:-3:-1]
exprs = a[a[0] + 1 : a[1] * 2 : -1 or 1]
walrus = a[(i := 0)]
lambda_in = a[(lambda: 0)()]
nested = [[1, 2], [3, 4]][0][1]
d = {"k": {"j": 1}}["k"]["j"]
spaced = a[ 1 : 2 : 3 ]
comments = a[
    1  # first
    :
    2
]
generic = dict[str, list[tuple[int, ...]]]
ellipsis_slice = a[...] if False else None
