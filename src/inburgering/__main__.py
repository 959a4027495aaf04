"""``python -m inburgering``: the same command line as the ``inburgering`` command.

Why: where the console script is not on the PATH (a notebook's kernel, a venv not activated),
``python -m inburgering`` is what users try first; a review found it failing with "No module
named inburgering.__main__".
"""

from inburgering.cli import main

if __name__ == "__main__":
    main()
