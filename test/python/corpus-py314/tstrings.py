# Python 3.14 template strings (PEP 750). CPython 3.13 rejects these, so this folder is not
# part of the parity run; it checks that our parser produces TemplateStr / Interpolation.
name = "world"
width = 10
simple = t"Hello {name}"
conversion = t"{name!r} {name!s} {name!a}"
spec = t"{name:>{width}}"
debug = t"{name=}"
raw = rt"\d{name}" + tr"{name}\n"
upper = T"{name}" + Rt"{name}"
nested = t"{t"{name}"}"
triple = t"""multi
{name}
line"""
mixed_concat = t"a{name}" t"b"
