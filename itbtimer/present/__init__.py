"""What each screen says, decided without a screen: the window, the media remote and the
voice only show or say what these functions return."""
