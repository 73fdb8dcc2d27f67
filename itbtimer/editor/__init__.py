"""The routine editor's pure core: a document of sections and exercises with undo.

fields.py says what each field is called for the person; document.py holds the
routine file as ruamel.yaml round-trip data, edits it and validates every change
with the project's own loader; copies.py makes a personal copy of a bundled routine.
The window (gui/editor.py) only renders a Document and turns keys into its calls.
"""
