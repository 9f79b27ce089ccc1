# Implicit concatenation of strings, f-strings, bytes.
x = 1
s1 = "a" "b" 'c'
s2 = "a" f"{x}" "c"
s3 = f"{x}" "tail"
s4 = "head" f"{x}"
s5 = f"{x}" f"{x}"
s6 = "" f"" ""
s7 = "a" f"" "b"
s8 = f"" "b"
s9 = (
    "multi "   # comment
    f"line {x} "
    # comment line
    'more'
    """triple"""
    rf"\raw{x}"
)
s10 = u"u" f"{x}"
s11 = f"{x!r}" "=" f"{x:>3}"
s12 = "😀" f"{x}😀" "😀"
s13 = "a" f"{'nested' 'concat'}" "b"
s14 = f"{x}" "{not a field}" f"{{}}"
b1 = b"a" b"b" rb"\c" Rb'd'
b2 = (b"multi"
      b"line")
s15 = "a" \
      "b" \
      f"{x}"
s16 = f"""{x}""" '''y''' f'{x}'
s17 = "\N{BULLET}" f"\N{BULLET}{x}"
