"""Report flows: each change with the messages it owes, and how those are sent."""
