"""Free text: messages outside any conversation are understood by NLU and sent to their feature."""
