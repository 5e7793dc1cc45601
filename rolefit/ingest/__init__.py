"""Reading bytes from files, folders, standard input and exports."""

from rolefit.ingest.files import MAX_BYTES, expand_inputs, read_page

__all__ = ["MAX_BYTES", "expand_inputs", "read_page"]
