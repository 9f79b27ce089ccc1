# f-strings: PEP 701 (3.12+) nesting, quotes, format specs, `=`, conversions, multi-line.
x = 42
width = 10
precision = 3
value = 3.14159
items = ["a", "b"]
d = {"key": "v", 'k2': 2}

simple = f"{x}"
empty = f""
only_text = f"no fields"
escaped_braces = f"{{literal}} {x} }}{{"
conversions = f"{x!r} {x!s} {x!a}"
spec = f"{value:.2f} {x:>10} {x:_^{width}} {value:{width}.{precision}}"
nested_spec = f"{value:{'>' if x else '<'}{width}}"
debug = f"{x=} {x = } {x=!r} {x=:>5} {x = !s:^{width}}"
debug_expr = f"{x + 1=}{items[0]=}"
same_quotes = f"{"nested"}"
deep = f"{f"{f"{f"{x}"}"}"}"
mixed = f'{f"{x}"}' + f"""{f'''{x}'''}"""
dict_access = f"{d["key"]} {d['k2']}"
backslash_in_expr = f"{'\n'.join(items)}"
lambda_field = f"{(lambda y: y * 2)(x)}"
walrus_field = f"{(z := 5)} {z}"
conditional = f"{'yes' if x else 'no'}"
colon_in_dict = f"{ {'a': 1}['a'] }"
set_field = f"{ {x} }"
star_field = f"{[*items]}"
call_kwargs = f"{dict(a=1, b=2)}"
raw = rf"\d+{x}\n" + fr"{x}\t" + Rf"{x}" + fR"{x}" + RF"\w" + F"{x}"
unicode_escape = f"\N{BULLET} {x} \u2022 \x41 \t\n"
braces_after_escape = f"\N{LEFT CURLY BRACKET}{x}\N{RIGHT CURLY BRACKET}"
emoji = f"😀{x}😀{'😀'}"
multi_line_triple = f"""
    line one {x}
    line two {
        x
        + 1
    }
    {value:.{precision}f}
"""
multi_line_field = f"{
    x  # a comment inside the field (3.12+)
    *
    2
}"
format_spec_with_text = f"{x:x>10} {x:#x} {x:,} {value:e} {value:%}"
spec_nested_fstring = f"{x:{f'{width}'}}"
spec_with_newline_escape = f"{x:\n}" if False else ""
doubled_in_spec = f"{x:{{}}>10}" if False else f"{x:>{width}}"
ternary_spec = f"{x:{'>' if True else '<'}10}"
whitespace_eq = f"{ x = }"
eq_then_spec = f"{value=:.1f}"
eq_with_conversion_and_spec = f"{value = !r:>20}"
adjacent = f"{x}{x}{x}"
implicit = f"a" "b" f"{x}" "c" f"{x!r}"
bytes_next = b"not an f-string"
tq_nested = f"""{f'''{f"{x}"}'''}"""
tq_quotes = f"""She said "{x}" and '{x}'"""
attribute = f"{x.real} {x.__class__.__name__!r}"
subscript_slices = f"{items[0:1]} {items[::-1]}"
numbers_in_field = f"{1_000} {0x10} {1e3} {2j}"
string_concat_in_field = f"{'a' 'b'}"
nested_format_call = f"{format(value, '.2f')}"
not_equal = f"{x != 1}"
comparison_eq = f"{x == 42}"
assign_expr_eq = f"{(y := 10)=}"
await_free = f"{x!r:^{width + 2}.{precision}}"
long_field = f"{x
}"
