# -*- coding: latin-1 -*-
# Latin-1 source: columns count UTF-8 bytes of the decoded text.
name = 'José Müller'; after = 1
café = 'àèìòù © µ'
print(café, name)  # comment é
f = f'{café!r:é>10}'
