"""reportqa: question answering over long Chinese government reports.

Importing it sets the offline defaults: no model is ever fetched from a hub.
"""

from __future__ import annotations

import os

__version__ = "0.1.0"

for _name, _value in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "GRADIO_ANALYTICS_ENABLED": "False",
}.items():
    os.environ.setdefault(_name, _value)
