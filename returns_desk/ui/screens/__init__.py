"""One module per screen: Start OTC, Scanning, End OTC, the scanner test, and the idle screen."""
