# try / except / except* (PEP 654), raise forms.
def handle():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        print(e)
    except* (TypeError, KeyError):
        pass
    except *OSError:
        pass
    else:
        pass
    finally:
        pass


def plain():
    try:
        pass
    except ValueError:
        pass
    except (TypeError, KeyError) as err:
        raise RuntimeError("wrapped") from err
    except:
        raise
    else:
        return 1
    finally:
        print("done")


def only_finally():
    try:
        return 1
    finally:
        return 2


def star_finally():
    try:
        pass
    except* Exception:
        pass
    finally:
        pass


def raise_forms():
    raise
    raise ValueError
    raise ValueError("x") from None
    raise (ValueError)("y") from (TypeError())


def nested():
    try:
        try:
            pass
        except* ValueError:
            pass
    except Exception as e:
        del e


try: pass
except: pass
try: x = 1
except ValueError: x = 2
else: x = 3
finally: x = 4
