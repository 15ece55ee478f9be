"""Running the bot in production: the heartbeat and health check a container relies on."""
