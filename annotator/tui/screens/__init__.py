"""The app's screens: name prompt, corpus, annotate, help and small dialogs."""
