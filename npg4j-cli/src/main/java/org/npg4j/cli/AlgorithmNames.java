package org.npg4j.cli;

import java.util.Iterator;
import org.npg4j.train.Algorithms;

/** The registered algorithms' names, for help texts (picocli's completion candidates). */
final class AlgorithmNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Algorithms.names().iterator();
    }
}
