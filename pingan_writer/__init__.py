"""平安写作 (pingan_writer): write study-session talks from official Chinese sources."""

__version__ = "0.1.0"
