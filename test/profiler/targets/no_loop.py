"""Never starts an event loop."""
print("no loop here")
