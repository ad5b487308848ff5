"""The model's institutions and processes, each owning its state and its verbs.

``MaliModel`` (model/model.py) builds them (each module's ``build_*`` function returns its
state object) and calls their verbs in the order of docs/ODD.md §3. They talk through
arguments and the day's :class:`model.today.Today`, never through the model's attributes.
"""
