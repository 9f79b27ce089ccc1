# -*- coding: utf-8-unix -*-
# (an Emacs-style suffix on the codec name)
value = 'é😀'; after = value
