"""Journeys written back in the forms teams keep them in: the spreadsheet layout that
``stakes import csv`` reads, and Mermaid journey diagrams with each moment's verdict."""
