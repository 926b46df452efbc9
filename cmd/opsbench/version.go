package main

// version is OpsBench's release; FyneApp.toml carries the same number (a
// test keeps them equal).
const version = "0.1.0"
