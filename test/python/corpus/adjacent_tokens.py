# Tokens without whitespace between them, and other tokenizer corner cases CPython accepts.
x = y = 1
a = 0 if 1else 2
b = [0x1for x in [1]]
c = 1or 2
d = 1and 2
e = 1in [x]
g = 1is 2
h = 1_0if x else 1
i = 0b1and 1
j = 1.5if x else 2
k = 1jif x else 2
l = 1e5or 1
m = 1if 1else 0
n = [x for x in[1]if x]
o = x if x else(y)
p = print(1 if True else(2))
q = (x)if(y)else(x)
r = not-1
s = - - - 1
t = +-~1
u = x[y:=1]
v = f(w:=1)
z = f(x, w:=1)
del a,
(*aa, bb) = [1, 2]
[cc, *dd] = (1, 2)
with (x as xx): pass
with (x, y as yy): pass
with (x,): pass
assert(x, y)
ff = f"{x=!r:{y!r}}"
fg = f"{'a'=}"
fh = f"""{f"""{x}"""}"""
fi = f"{x:\N{BULLET}>10}"
fj = f"{x}" f"{y}" "z" u"w"
fk = u"w" f"{x}"
bb2 = b"\x00" B"\xff"
lam=lambda:0
lam2=lambda*a,**k:0
ops=x**-y//+x%~y<<1>>1&1|1^1@x
cmp=x<y>x<=y>=x==y!=x
walrus=(x:=1)
semis=1;semis2=2
ann:int=1
tern=x if-1else~1
