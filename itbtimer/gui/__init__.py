"""The Tk window: it sends what the person presses to the app and draws what present/ says."""
