# Decorators: arbitrary expressions (PEP 614), stacking, on classes and async functions.
import functools

buttons = [type("B", (), {"clicked": type("C", (), {"connect": staticmethod(lambda f: f)})})]


@functools.lru_cache
@functools.lru_cache(maxsize=None)
@buttons[0].clicked.connect
@(lambda f: f)
@(functools.wraps(print) if False else (lambda f: f))
def decorated():
    pass


@ (lambda f: f)
class Decorated:
    @property
    def p(self):
        return 1

    @p.setter
    def p(self, value):
        pass

    @staticmethod
    @functools.cache
    async def s():
        pass

    @classmethod
    def c(cls): ...


@x := (lambda f: f)
def walrus_decorator():
    pass


@[lambda f: f][0]
def subscript_decorator():
    pass


@functools.partial(
    lambda f, g: f,
    g=None,
)
def multiline_call():
    pass

@ functools . lru_cache ( )    # spaces everywhere
def spaced():
    pass


@functools.lru_cache  # comment after decorator

# comment line between decorator and def
@functools.lru_cache
def comments_between():
    pass
