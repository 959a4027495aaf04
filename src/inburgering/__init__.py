"""inburgering: the Dutch civic-integration system (Wet inburgering 2021) as executable, cited rules."""

__version__ = "0.1.0"
