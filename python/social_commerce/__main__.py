"""``python -m social_commerce`` is the ``social-commerce`` command."""

import sys

from social_commerce.cli import main

sys.exit(main())
