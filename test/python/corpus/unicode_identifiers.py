# Non-ASCII identifiers, strings and comments: columns are UTF-8 bytes in CPython.
café = 1
naïve_λ = café + 1
变量 = "中文"; после = 2; 𝔞 = 0 if False else "😀"
ﬁle = 1  # NFKC: the ligature becomes "file"
ℌ = 2  # NFKC: becomes "H"
𝔘𝔫𝔦𝔠𝔬𝔡𝔢 = "astral identifier"  # NFKC: becomes "Unicode"
ｆｕｌｌｗｉｄｔｈ = 3
s = "😀😀"; t = s; u = "𝄞"; v = (s, t, u)
emoji_then_call = print("🎉", café, "🎉🎉", 变量)
x = "é" + "😀" + "e\u0301" + "ß"
comment_after = 1  # 😀 émoji comment with astral 𝄞
f_emoji = f"{'😀'}{café}{"𝄞"!r:>5}{変数 if False else 1}" if False else f"{'😀'}{café}"
d = {"ключ": "значение", "😀": [𝔘𝔫𝔦𝔠𝔬𝔡𝔢, 变量]}
𝔡𝔢𝔣 = lambda 𝔵, ÿ=1: 𝔵 + ÿ


class Ünïcödé:
    def méthode(self, paramètre: "тип" = "défaut") -> "😀":
        return paramètre


def 函数(参数, *可变, **关键字):
    return 参数


print(Ünïcödé().méthode(), 函数(1), 𝔡𝔢𝔣(1))
# A line made of astral characters only in a comment: 😀😀😀😀
z = [
    "😀", "é",
    "𝄞",
]
