# Indentation: comments at odd columns, blank lines with spaces, multi-level dedents.
def outer():
    def middle():
        def inner():
            if True:
                  # comment deeper than the block
                pass
  # comment shallower than the block
                pass
        
            	
            return 1
# column-0 comment inside a function
        return inner
    return middle
class OnlyDocstring:
    """Nothing else."""
class OnlyEllipsis: ...
if True:
    if True:
        if True:
            x = 1
y = 2
for i in \
        range(2):
  z = i
while False:
        pass
else:
 pass
try:
  pass
except Exception:
      pass
class A: x = 1; y = 2
if x: pass; pass
def f(): return (yield)
async def g(): return f"{await h()}"
async def h(): pass
