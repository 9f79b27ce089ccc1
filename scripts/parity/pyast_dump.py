"""Long-lived CPython side of `npm run parity`: dumps `ast.parse` trees as compact JSON.

Protocol (one JSON document per line, both ways):
- on start it writes a header: {"python": "3.13.0", "classes": [[name, [fields...], has_positions], ...]}
- then, for every request line (a JSON string: a file path, or {"source": "..."} for text),
  it writes {"tree": <node>} or {"skip": "<why CPython rejects the file>"}.

A node is an array: [class index, lineno, col_offset, end_lineno, end_col_offset, *field values]
(the four positions only for classes whose `_attributes` include them; null when CPython has none),
fields in the class's `_fields` order. Operators and expression contexts are their class name as a
string. Constant values are tagged so nothing is lost in JSON: str and None/True/False as
themselves, {"int": hex}, {"float": repr}, {"complex": repr(imag), "real": repr(real)},
{"bytes": latin-1 text}, {"ellipsis": 1}.

Works on CPython 3.8 and newer. Trees from before 3.9 are mapped to the newer shape
(Index is unwrapped, ExtSlice becomes a Tuple without positions).
"""
import ast
import gc
import json
import sys
import threading
import warnings

warnings.simplefilter("ignore")


def all_classes():
    seen = []
    stack = [ast.AST]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.append(sub)
                stack.append(sub)
    return seen


SINGLETON_BASES = tuple(
    getattr(ast, name) for name in ("expr_context", "operator", "unaryop", "cmpop", "boolop") if hasattr(ast, name)
)

CLASSES = []  # header rows
INFO = {}  # class -> (index, fields, has_positions) or class name for singletons
for cls in all_classes():
    if cls.__module__ not in ("ast", "_ast"):
        continue
    if issubclass(cls, SINGLETON_BASES) and not cls._fields:
        INFO[cls] = cls.__name__
        continue
    attributes = getattr(cls, "_attributes", ())
    has_positions = "lineno" in attributes and "end_lineno" in attributes
    INFO[cls] = (len(CLASSES), tuple(cls._fields), has_positions)
    CLASSES.append([cls.__name__, list(cls._fields), has_positions])

INDEX_CLS = getattr(ast, "Index", None)
EXTSLICE_CLS = getattr(ast, "ExtSlice", None)
if sys.version_info >= (3, 9):
    INDEX_CLS = EXTSLICE_CLS = None  # deprecated aliases, never produced by the parser
CONSTANT_VALUE_CLASSES = (ast.Constant,) + ((ast.MatchSingleton,) if hasattr(ast, "MatchSingleton") else ())


def constant(value):
    if value is None or value is True or value is False:
        return value
    kind = type(value)
    if kind is str:
        return value
    if kind is int:
        return {"int": hex(value)}
    if kind is float:
        return {"float": repr(value)}
    if kind is complex:
        return {"complex": repr(value.imag), "real": repr(value.real)}
    if kind is bytes:
        return {"bytes": value.decode("latin-1")}
    if value is Ellipsis:
        return {"ellipsis": 1}
    return {"other": repr(value)}


def build_dumpers():
    """One generated function per node class: several times faster than a generic loop."""
    dumpers = {}

    def value(x):
        dumper = dumpers.get(x.__class__)
        return dumper(x) if dumper is not None else x

    def dump_list(items):
        return [value(x) for x in items]

    dumpers[list] = dump_list
    namespace = {"value": value, "constant": constant, "dumpers": dumpers}
    for cls, info in INFO.items():
        if type(info) is str:
            dumpers[cls] = lambda _node, _name=info: _name
            continue
        index, fields, has_positions = info
        parts = [str(index)]
        if has_positions:
            parts += ["n.lineno", "n.col_offset", "n.end_lineno", "n.end_col_offset"]
        for field in fields:
            if field == "value" and cls in CONSTANT_VALUE_CLASSES:
                parts.append("constant(n.value)")
            else:
                parts.append("value(n.%s)" % field)
        name = "dump_%d" % index
        exec("def %s(n):\n    return [%s]\n" % (name, ", ".join(parts)), namespace)
        dumpers[cls] = namespace[name]
    if INDEX_CLS is not None:
        dumpers[INDEX_CLS] = lambda n: value(n.value)
    if EXTSLICE_CLS is not None:
        tuple_index = INFO[ast.Tuple][0]
        dumpers[EXTSLICE_CLS] = lambda n: [tuple_index, None, None, None, None, dump_list(n.dims), "Load"]
    return value


dump = build_dumpers()


def handle(request):
    if isinstance(request, str):
        with open(request, "rb") as f:
            source = f.read()
    else:
        source = request["source"]
    try:
        tree = ast.parse(source)
    except Exception as e:  # SyntaxError, ValueError (null bytes), UnicodeDecodeError, RecursionError...
        where = " (line %s)" % e.lineno if isinstance(e, SyntaxError) and e.lineno else ""
        return {"skip": "%s: %s%s" % (type(e).__name__, getattr(e, "msg", None) or e, where)}
    try:
        return {"tree": dump(tree)}
    except RecursionError:
        return {"skip": "RecursionError while dumping the tree"}


def main():
    out = sys.stdout
    out.write(json.dumps({"python": "%d.%d.%d" % sys.version_info[:3], "classes": CLASSES}) + "\n")
    out.flush()
    stdin = sys.stdin.buffer
    while True:
        line = stdin.readline()
        if not line:
            break
        if not line.strip():
            continue
        try:
            response = handle(json.loads(line.decode("utf-8")))
            text = json.dumps(response, separators=(",", ":"))
        except Exception as e:
            text = json.dumps({"skip": "dump failed: %s: %s" % (type(e).__name__, e)})
        out.write(text + "\n")
        out.flush()


if __name__ == "__main__":
    # deep trees (long operator chains) need deep recursion: give it room on a big stack
    gc.disable()  # ASTs hold no cycles; collecting while building millions of lists only costs time
    sys.setrecursionlimit(200000)
    threading.stack_size(512 * 1024 * 1024)
    worker = threading.Thread(target=main)
    worker.start()
    worker.join()
