# A line holding only a backslash at column 0 does not give the logical line its
# indentation: the continued line does (CPython keeps the column of the first backslash
# only when it is not 0).
if True:
    a = 1
\
    b = 2
\
\
    c = 3
d = 4
\
e = 5
\
    # a comment line after the continuation is blank
f = 6


def g():
    pass
\


class C:
    x = 1
\
    y = 2
