# Operators and precedence: every binary, unary, comparison and boolean operator.
a = b = c = d = 1
arith = a + b - c * d / a // b % c ** d @ a if False else 0
bits = a | b ^ c & d << 1 >> 2
unary = -a, +a, ~a, not a, - - a, -~+a, not not a
power = -a ** -b, (-a) ** b, a ** b ** c, 2 ** -1
compare = a < b <= c > d >= a == b != c is d is not a in [b] not in [c]
chained = 1 < a < 3 < b
boolean = a and b or c and not d or (a or b) and c
ternary = a if b else c if d else a
nested_ternary = (a if b else c) if (d if a else b) else a
mixed = a + b * c - d / a % b ** -c
lambda_low = lambda: a if b else c
paren = ((((a))))
tuple_no_paren = a, b,
group = (a + b) * (c - d)
matmul = a @ b @ c
shift = 1 << 2 >> 3 << 4
cmp_ops_in_call = print(a == b, a is not None, a not in ())
walrus_prec = (x := a + b) and x
not_in_comp = [x for x in range(3) if not x in (1,)]
is_not_chain = a is not b is not c
unary_on_call = -len([]) ** 2
string_mul = "ab" * 3 + 'c' % ()
await_free_attr = a.__add__(b).__mul__(c)
