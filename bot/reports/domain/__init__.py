"""Reports without Telegram: the tables, the rules and the services that apply them."""
