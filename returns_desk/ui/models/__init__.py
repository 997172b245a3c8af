"""Table and list models over the engine's immutable rows; each passes Qt's model tester."""
