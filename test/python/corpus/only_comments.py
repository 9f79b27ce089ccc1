# just a comment

   # indented comment
	# tab comment
