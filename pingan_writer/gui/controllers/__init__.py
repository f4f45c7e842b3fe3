"""One controller per feature of the main window: each owns that feature's flow, calls the core
layers, runs long work through the window's JobRunner and talks to views through their public
methods and signals. MainWindow builds them and wires them together; none imports another's
module or reaches into the window."""
