#!/usr/bin/env python
# vim: set fileencoding=cp1252 :
text = '€ “quoted” — dash'; n = len(text)
b = b'raw bytes \x80'
