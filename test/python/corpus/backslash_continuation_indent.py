# A logical line that starts with a backslash continuation takes its indentation from the
# first physical line (whitespace and the backslash), not from the continued line.
x = 1
if x:
    \
 pass


def f():
    def g():
        return 1

    \
 cb = 2
    return cb


\
z = 3
class C:
    \
  attr = 1
    other = 2
