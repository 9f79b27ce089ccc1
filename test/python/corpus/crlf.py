# CRLF line endings throughout.
x = 1 + \
    2
s = '''line one
line two
'''
f = f'''{x}
{s!r}
'''
def g(a,
      b):
    return (a
            + b)

class C:
    '''Doc
    string.'''
    y = [
        1,
    ]
z = 'a' \
    'b'
