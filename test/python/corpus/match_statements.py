# Structural pattern matching: every pattern kind (PEP 634).
import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2


def literal_patterns(x):
    match x:
        case 0 | 1 | -1:
            return "small int"
        case -1.5 | 2.5e3 | 1j | -2j | 3 + 4j | -3 - 4j | 0x_ff:
            return "numbers"
        case "text" | 'single' | b"bytes" | r"raw\d" | "implicit" "concat":
            return "strings"
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"


def capture_and_wildcard(subject):
    match subject:
        case [x, y, *rest]:
            return x, y, rest
        case [_, _, *_]:
            pass
        case (a, b):
            return a + b
        case a, b, c:
            return a
        case []:
            return ()
        case ():
            return ()
        case [*_]:
            return None
        case other:
            return other


def value_patterns(c):
    match c:
        case Color.RED:
            return 1
        case enum.Enum.__class__:
            return 2
        case Color.GREEN | Color.RED:
            return 3
        case _:
            return 4


def mapping_patterns(config):
    match config:
        case {}:
            return 0
        case {"name": str(name), "version": 1 | 2 as version}:
            return name, version
        case {"a": 1, **rest}:
            return rest
        case {0: zero, -1: minus, 1.5: flt, b"k": byt, None: n, True: t, Color.RED: r}:
            return zero
        case {"nested": {"deep": [1, 2, {"x": x}]}}:
            return x


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


def class_patterns(p):
    match p:
        case Point():
            pass
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return yy
        case Point(1, y=2):
            return 3
        case enum.Enum(value=v) | Color(value=v):
            return v
        case int(n) | float(n) if n > 0:
            return n
        case list([1, *others]) if (count := len(others)) > 2:
            return count
        case str() as s:
            return s
        case Point(x=Point(x=inner),):
            return inner


def as_and_or_patterns(value):
    match value:
        case (1 | 2 | 3) as small:
            return small
        case [1, 2] | [3, 4] as pair:
            return pair
        case ([a, b] | (a, b, _)) as seq if a == b:
            return seq
        case {"k": [*xs]} as whole:
            return whole, xs


def sequence_shapes(seq):
    match seq:
        case [1, [2, [3, [4, *deep]]]]:
            return deep
        case (*first, last):
            return first, last
        case [first, *middle, last]:
            return middle
        case [
            "multi",
            "line",
            pattern,
        ]:
            return pattern
        case *a, b,:
            return a


def subject_forms(a, b):
    match a, b:
        case 1, 2:
            pass
    match (a, b):
        case (1, 2):
            pass
    match *a, b:
        case _:
            pass
    match a := b:
        case _:
            pass
    match -a:
        case _:
            pass
    match a if b else b:
        case _:
            pass
    match [a]:
        case [x]: return x


def guards(x):
    match x:
        case y if y:
            return 1
        case y if (lambda: y)():
            return 2
        case _ if x is not None and not x:
            return 3
