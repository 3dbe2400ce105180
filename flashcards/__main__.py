"""``python -m flashcards`` does what the ``flashcards`` command does."""

import sys

from .cli import main

sys.exit(main())
