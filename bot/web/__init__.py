"""The coordinators' and partners' dashboard: a Telegram Mini App served by the bot's aiohttp server."""
