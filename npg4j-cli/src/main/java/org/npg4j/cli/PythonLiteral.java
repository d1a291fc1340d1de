package org.npg4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Python expressions rl-baselines3-zoo writes as strings in its hyperparameter files, read as JSON values:
 * {@code dict(net_arch=[64, 64], activation_fn=nn.Tanh)}, {@code {'norm_obs': True, 'norm_reward': False}},
 * lists and tuples, numbers, {@code True}/{@code False}/{@code None}, quoted strings, and dotted names
 * ({@code nn.Tanh}, kept as text; {@code th.nn.ReLU} and {@code torch.nn.ReLU} become {@code nn.ReLU}). Anything else
 * (calls other than {@code dict}, arithmetic, lambdas) fails with a one-line message naming the position.
 */
final class PythonLiteral {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final String text;
    private final String source;
    private int pos;

    private PythonLiteral(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** The value of {@code text}; {@code source} names it in errors (a file and key). */
    static JsonNode parse(String text, String source) {
        PythonLiteral p = new PythonLiteral(text, source);
        JsonNode v = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return v;
    }

    private JsonNode value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a value is missing");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            return mapping();
        }
        if (c == '[' || c == '(') {
            return list(c == '[' ? ']' : ')');
        }
        if (c == '\'' || c == '"') {
            return JSON.textNode(quoted(c));
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return number();
        }
        if (Character.isJavaIdentifierStart(c)) {
            String name = dottedName();
            skipSpace();
            if (name.equals("dict") && pos < text.length() && text.charAt(pos) == '(') {
                return keywordMapping();
            }
            return switch (name) {
                case "True" -> JSON.booleanNode(true);
                case "False" -> JSON.booleanNode(false);
                case "None" -> JSON.nullNode();
                default -> {
                    if (pos < text.length() && text.charAt(pos) == '(') {
                        throw error("only dict(...) calls are supported, found " + name + "(...)");
                    }
                    yield JSON.textNode(name.replaceFirst("^(th|torch)\\.nn\\.", "nn."));
                }
            };
        }
        throw error("unexpected '" + c + "'");
    }

    /** {@code dict(key=value, ...)}. */
    private ObjectNode keywordMapping() {
        ObjectNode m = JSON.objectNode();
        expect('(');
        while (!closes(')')) {
            skipSpace();
            String key = dottedName();
            expect('=');
            m.set(key, value());
            separator(')');
        }
        return m;
    }

    /** {@code {'key': value, ...}}. */
    private ObjectNode mapping() {
        ObjectNode m = JSON.objectNode();
        expect('{');
        while (!closes('}')) {
            skipSpace();
            char q = pos < text.length() ? text.charAt(pos) : ' ';
            if (q != '\'' && q != '"') {
                throw error("expected a quoted key");
            }
            String key = quoted(q);
            expect(':');
            m.set(key, value());
            separator('}');
        }
        return m;
    }

    private ArrayNode list(char close) {
        ArrayNode a = JSON.arrayNode();
        pos++;
        while (!closes(close)) {
            a.add(value());
            separator(close);
        }
        return a;
    }

    /** True (and consumes it) if the next character closes the bracket. */
    private boolean closes(char close) {
        skipSpace();
        if (pos >= text.length()) {
            throw error("'" + close + "' is missing");
        }
        if (text.charAt(pos) == close) {
            pos++;
            return true;
        }
        return false;
    }

    /** After an element: a comma, or the closing bracket (left for {@link #closes}). */
    private void separator(char close) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
        } else if (pos >= text.length() || text.charAt(pos) != close) {
            throw error("expected ',' or '" + close + "'");
        }
    }

    private JsonNode number() {
        int start = pos;
        while (pos < text.length() && "+-.0123456789eE_".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String n = text.substring(start, pos).replace("_", "");
        try {
            if (n.matches("[+-]?\\d+")) {
                return JSON.numberNode(Long.parseLong(n));
            }
            return JSON.numberNode(Double.parseDouble(n));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("not a number '" + n + "'");
        }
    }

    private String quoted(char q) {
        int start = ++pos;
        while (pos < text.length() && text.charAt(pos) != q) {
            pos++;
        }
        if (pos >= text.length()) {
            pos = start - 1;
            throw error("unterminated string");
        }
        return text.substring(start, pos++);
    }

    private String dottedName() {
        int start = pos;
        while (pos < text.length() && (Character.isJavaIdentifierPart(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a name");
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(source + ": cannot read the Python value \"" + text + "\" at column "
                + (pos + 1) + ": " + problem);
    }
}
