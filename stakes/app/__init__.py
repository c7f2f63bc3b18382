"""The application: what each command does, between the command line and the library.

``config`` reads the project's configuration; ``atomic_write`` writes output files;
``starter`` writes the files of ``stakes init``.
"""
