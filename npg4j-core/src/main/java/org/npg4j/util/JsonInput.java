package org.npg4j.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * Reading JSON documents with one-line errors that name the source, the JSON path and the problem:
 * {@code m.json: $.transitions[3][1]: P(.|s=3,a=1) sums to 0.97, expected 1}. A node is always paired with its
 * path, so every check can say where it failed.
 */
public final class JsonInput {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String source;

    private JsonInput(String source) {
        this.source = source;
    }

    /** A JSON node with its path in the document. */
    public record Node(JsonInput input, JsonNode json, String path) {
        /** An error at this node: "source: path: message". */
        public IllegalArgumentException error(String message) {
            return new IllegalArgumentException(input.source + ": " + path + ": " + message);
        }

        public boolean has(String key) {
            return json.has(key) && !json.get(key).isNull();
        }

        /** The member {@code key}, which must exist. */
        public Node get(String key) {
            if (!json.isObject()) {
                throw error("expected an object, found " + describe(json));
            }
            JsonNode child = json.get(key);
            if (child == null || child.isNull()) {
                throw error("missing key \"" + key + "\"");
            }
            return new Node(input, child, path + "." + key);
        }

        /** Element {@code i} of an array node. */
        public Node at(int i) {
            return new Node(input, json.get(i), path + "[" + i + "]");
        }

        public Node object() {
            if (!json.isObject()) {
                throw error("expected an object, found " + describe(json));
            }
            return this;
        }

        /** This node as an array, of the expected length when {@code expected >= 0}. */
        public int arrayLength(int expected, String what) {
            if (!json.isArray()) {
                throw error("expected an array" + (what.isEmpty() ? "" : " of " + what) + ", found " + describe(json));
            }
            if (expected >= 0 && json.size() != expected) {
                throw error("expected " + expected + (what.isEmpty() ? " entries" : " " + what) + ", found " + json.size());
            }
            return json.size();
        }

        public double number() {
            if (!json.isNumber()) {
                throw error("expected a number, found " + describe(json));
            }
            return json.doubleValue();
        }

        public int integer() {
            if (!json.isIntegralNumber() && !(json.isNumber() && json.doubleValue() == Math.rint(json.doubleValue()))) {
                throw error("expected an integer, found " + describe(json));
            }
            if (!json.canConvertToInt()) {
                throw error("integer " + json.asText() + " is out of range");
            }
            return json.intValue();
        }

        public String text() {
            if (!json.isTextual()) {
                throw error("expected a string, found " + describe(json));
            }
            return json.textValue();
        }

        /** Rejects members other than {@code allowed}, naming the first unknown one. */
        public void onlyKeys(Set<String> allowed) {
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw error("unknown key \"" + k + "\" (expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
                }
            }
        }
    }

    /** Reads and parses a file; a missing or malformed file is a one-line error naming it. */
    public static Node read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    /** Parses JSON text; {@code source} names it in errors. */
    public static Node parse(String text, String source) {
        JsonInput in = new JsonInput(source);
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new IllegalArgumentException(source + ": empty document");
            }
            return new Node(in, root, "$");
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
            throw new IllegalArgumentException(source + ": " + where + "malformed JSON (" + e.getOriginalMessage()
                    .replace('\n', ' ') + ")");
        }
    }

    static String describe(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            String t = n.textValue();
            return "\"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.toString();
    }

    /** The shared mapper (configured once; thread-safe for reading and writing). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
