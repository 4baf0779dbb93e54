"""Prompt templates, shipped as package data (``*.txt`` beside this file).

Every text the pipeline sends to a model, or shows as a fixed reply, is one of
these files; the setting ``prompts_dir`` names a folder whose files override them.
"""
