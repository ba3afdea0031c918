package dev.sparky.dispatcher.api;

import dev.sparky.contracts.BuildState;

/** A piece of a build's log, the size of the whole, and the build's state (for tailing clients). */
record LogSlice(byte[] data, long size, BuildState state) {}
