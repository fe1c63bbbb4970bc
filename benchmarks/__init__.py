"""Evaluation harness for cleannews: corpora loaders, metrics, peer adapters and the runner.

Run ``python -m benchmarks.run --help`` from the project root.
"""
