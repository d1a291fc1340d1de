package org.npg4j.nn;

/**
 * Caller-owned scratch memory of a {@link ParametricFunction} for batches of up to {@link #capacity()} rows: the
 * forward pass records into it what the reverse and forward-mode passes need, so that steady-state calls
 * allocate nothing. A tape belongs to one function and one thread.
 */
public interface Tape {
    /** The largest batch this tape can hold. */
    int capacity();
}
