# Assignment expressions (PEP 572) and positional-only parameters (PEP 570).
import re

if (n := len("abc")) > 2:
    pass
while (chunk := input()) != "":
    break
data = [y for x in range(10) if (y := x * 2) > 4]
print(total := 10, (total := total + 1))
result = [(a := 1), (b := a + 1)]
ok = {key: (val := key) for key in "ab"}
if m := re.match("a", "a"):
    print(m)
f = lambda: (z := 1)
value = (x := 1, y := 2)
nested = ((a := (b := (c := 3))))
subscript = [1, 2][(i := 0)]
kw = dict(x=(y := 5))
assert (q := True), (q := False)
print(f"{(w := 3)}")


def posonly(a, b, /):
    pass


def posonly_defaults(a, b=1, /, c=2, *, d, e=3, **kw):
    pass


def posonly_star(a, /, *args, b, **kwargs):
    pass


def only_kwonly(*, a, b=2):
    pass


def only_posonly_default(a=1, /):
    pass


def annotated(a: int, /, b: "str" = "x", *args: int, c: list[int] = [], **kwargs: dict) -> None:
    pass


def trailing_commas(
    a,
    /,
    b,
    *,
    c,
):
    pass


def varargs_trailing(*args,):
    pass


def kwargs_trailing(**kwargs,):
    pass


lam = lambda a, /, b, *, c: a
lam2 = lambda a=1, /, b=2, *args, c=3, **kw: (a, b, c)
lam3 = lambda *, k: k
lam4 = lambda *a, **k: 0
lam5 = lambda: 0
lam6 = lambda a, b=lambda c=1: c: a
