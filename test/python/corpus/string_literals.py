# Every string and bytes literal form, with every escape.
plain = ["", '', "a", 'a', """""", '''''', """a""", '''a''']
prefixes = [r"\d", R"\d", u"u", U"u", b"b", B"b", br"\x", bR"\x", Br"\x", BR"\x", rb"\x", rB"\x", Rb"\x", RB"\x"]
escapes = "\\ \' \" \a \b \f \n \r \t \v \0 \00 \000 \1 \12 \123 \377 \x41 \xfF \u00e9 \u20AC \U0001F600 \U00000041"
octal_over_255 = "\400 \777"
named = "\N{BULLET} \N{LATIN SMALL LETTER E WITH ACUTE} \N{EM DASH} \N{GRINNING FACE} \N{SPACE} \N{latin small letter a}"
named_aliases = "\N{NULL} \N{LINE FEED} \N{BYTE ORDER MARK} \N{ZERO WIDTH SPACE} \N{NBSP}"
named_hangul_and_cjk = "\N{HANGUL SYLLABLE GA} \N{CJK UNIFIED IDEOGRAPH-4E00} \N{HANGUL SYLLABLE HWAENG}"
invalid_escapes_kept = "\d \w \q \% \{ \}"
bytes_escapes = b"\x00\x7f\x80\xff \0 \377 \n \\ \' \" \a \N \u1234 \d"
raw_quotes = [r"\"", r'\'', r"\\", r"a\
b", rb"\"", r"\N{BULLET}"]
surrogates = ["\ud800", "\udfff", "\ud83d\ude00"]
newline_continuation = "abc\
def"
triple_with_quotes = """He said "hi" and 'bye' and ""double"" """
triple_single = '''It's "fine"'''
triple_multiline = """
first
    second
\tthird\
 continued
"""
empty_triple_then_text = """""" "x"
quote_at_end = """ends with quote\""""
kind_u = u"only the first string's u counts" " for kind"
not_u = "x" u"y"
unicode_text = "é ü 中文 😀 𝔘 \u00e9"
long_bytes = b"abc" b'def' B"""ghi""" rb'\n'
null_char = "\x00"
