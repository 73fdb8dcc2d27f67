"""The routine editor's pure core: a document of sections and exercises with undo.

fields.py says what each field is called for the person; document.py holds the
routine file as ruamel.yaml round-trip data, edits it and validates every change
with the project's own loader, helped by places.py (places in a routine and the
loader's messages mapped to them), tree.py (reading and changing the YAML tree),
history.py (undo and redo) and saving.py (reading and writing the file);
screen.py decides what the editor screen says and what its keys mean;
copies.py makes a personal copy of a bundled routine.
The window (gui/editor/) only renders a Document and turns keys into its calls.
"""
