# PEP 695 type parameters and aliases, PEP 696 defaults (3.13).
from typing import Callable

type Alias = int
type ListOf[T] = list[T]
type Pair[K, V] = tuple[K, V]
type Bounded[T: int] = T
type Constrained[T: (int, str)] = T
type WithDefault[T = int] = T
type Variadic[*Ts] = tuple[*Ts]
type Params[**P] = Callable[P, int]
type Everything[T: (int, str) = int, *Ts = *tuple[int, ...], **P = [int, str]] = Callable[P, tuple[T, *Ts]]
type Recursive = int | list[Recursive]
type \
    Continued[T] = T


def generic[T](x: T) -> T:
    return x


def many[T, U: str, *Ts, **P](a: T, *args: *Ts, **kwargs: P.kwargs) -> U: ...


def defaults[T = int, *Ts = *tuple[str], **P = ...](): ...


async def agen[T: (bytes, str)](x: T) -> T:
    return x


class Box[T]:
    def get[U](self, u: U) -> T | U: ...


class Multi[T: int, U = str, *Ts, **P](Box[T], metaclass=type):
    type Inner[X] = dict[T, X]


class Trailing[
    T,
    U,
]:
    pass


@staticmethod
def decorated[T](x: T) -> T:
    return x
