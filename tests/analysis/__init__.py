"""Tests of the analysis layer: figures, optimizer, reasons, graph and layout."""
