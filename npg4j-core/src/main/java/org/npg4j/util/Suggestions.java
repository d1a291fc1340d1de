package org.npg4j.util;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" suggestions for unknown names (keys, env ids, generators), by edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /** Up to {@code max} candidates closest to {@code name} (case-insensitive Levenshtein distance), best first. */
    public static List<String> closest(String name, Collection<String> candidates, int max) {
        String n = name.toLowerCase(Locale.ROOT);
        List<String> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt((String c) -> distance(n, c.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()));
        return sorted.subList(0, Math.min(max, sorted.size()));
    }

    /** "unknown KIND 'name' (closest: a, b, c)". */
    public static String unknown(String kind, String name, Collection<String> candidates) {
        return "unknown " + kind + " '" + name + "' (closest: " + String.join(", ", closest(name, candidates, 3)) + ")";
    }

    /** Levenshtein edit distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
