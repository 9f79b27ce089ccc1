# Soft keywords used as plain identifiers.
match = 1
case = 2
type = 3
_ = 4
print(match, case, type, _)
match.real
match[0] if False else None
match(1, 2)
match * 2
match -1
type(int)
type.__name__
case = match = type = _


def match(match, case=None, *, type=None):
    return match


class type:
    match = "match"


def f(x):
    match x:
        case {"match": match, "case": case, "type": type}:
            return match, case, type
    type X = int
    type Y[T] = list[T]
    type = X
    return type


for match in [1]:
    pass
match: int = 5
match, case = 1, 2
[match, case] = 1, 2
print(*match)
print(match := 3)
