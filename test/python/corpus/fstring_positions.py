# f-string internals with positions: nested format specs, debug text, multi-line fields.
x = 1
w = 10
a = f"{x:>{w}}"
b = f"{x:{w}.{w}f} tail"
c = f"{x!r:^{w}} {x=:{w}}"
d = f"""
{x:>
{w}}
"""
e = f"{'a' if x else 'b':>{w}}"
g = f"pre {x} mid {x!s} post"
h = f"{x}" f"{x}" "{x}"
i = f"{{}} {{{x}}}"
j = f"{x:{{}}}" if False else None
k = f"{x:%Y-%m-%d %H:%M}" if False else None
l = f"{x:{'}'}}" if False else None
m = f"{f'{x:{w}}':{w}}"
n = (f"first {x}"
     f"second {x}"
     "third")
o = f"{
x
}"
p = f"{x:\
}" if False else None
q = f"\
{x}"
r = rf"{x}\{x}" if False else None
s = f"{x:=>10}"
t = f"{x:!<10}"
u = f"{ x !r}"
v = f"{x=!r:10}"
y = f'{"😀"}{x:😀>10}'
z = f"é{x}é{x:é^5}"
