#!/usr/bin/env bash
# The test command (README, CI): install everything the suite needs on a fresh
# machine, then run ruff (lint), mypy (types) and pytest (unit tests, the real
# models, a real HTTP server, a real browser).
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore

# Headless Chromium for the browser test (Debian packages; never a browser download).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
  fi
fi

python3 -m pip install -q torch==2.13.0   # the CPU build; must come before anything that needs torch
# .[local] compiles llama-cpp-python (about 7 minutes on 2 cores) and installs the model parts.
# It is built for AVX2, not for the build machine: a native build uses llama.cpp's AMX
# kernels where the CPU has AMX, and they crash on decode (ggml-org/llama.cpp#20824).
export CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
python3 -m pip install -q -e ".[dev,local,small,milvus]"
if python3 -c "import llama_cpp, sys; sys.exit('AMX' not in llama_cpp.llama_print_system_info().decode())" 2>/dev/null; then
  # a wheel built natively earlier came from pip's cache: build it again for AVX2
  python3 -m pip install -q --no-cache-dir --force-reinstall --no-deps "llama-cpp-python[server]==0.3.36"
fi

# The C++ Milvus engine, run by the Milvus store's tests as a server and for *.db files with
# REPORTQA_MILVUS_ENGINE=cpp or auto (PyPI's milvus-lite 2.5.1 wheel, unpacked, not installed:
# milvus-lite 3 stays installed for REPORTQA_MILVUS_ENGINE=python).
python3 scripts/milvus_server.py fetch >/dev/null

python3 -m ruff check .
python3 -m mypy .
python3 -m pytest "$@"
