# Tabs and form feeds: a tab moves to the next multiple of 8 for indentation.
def tabbed():
	x = 1
	if x:
		y = 2
	return	x	+	1

def spaced():
        x = 1  # eight spaces
        if x:
                y = 2
        return x

def after_form_feed():
    z = 1  # a form feed at the start of the indentation is ignored
    return z
class T:
	def m(self):
		return	[	1,
			2	]
	attr	=	'	tab in string	'
x = 1; y = 2
z = (x+y)
