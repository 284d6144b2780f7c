"""Running the model from the command line and writing its outputs."""
