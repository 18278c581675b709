"""The spaCy model's matrix products run on OpenBLAS: one thread is ~2× faster here and avoids
oversubscribing a shared machine (measured: 0.5 s → 10 ms per short text). It must be set before
numpy is first imported, which happens when these tests are collected."""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
