"""rolefit: read a job posting, ignore its title, say what the job really is."""

__version__ = "0.1.0"
