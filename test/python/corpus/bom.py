# UTF-8 with a byte order mark: line 1 columns start after it.
x = 'é'; y = 1
class A: pass
