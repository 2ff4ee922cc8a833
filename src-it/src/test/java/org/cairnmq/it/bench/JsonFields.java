package org.cairnmq.it.bench;

/**
 * Reads a field of the flat JSON objects the benchmark's servlets write (numbers and plain strings, no
 * nesting inside the fields read), so that the client side needs no JSON library on its class path.
 */
final class JsonFields {
    private JsonFields() {
    }

    /** A field's value as written: a number, or a string without its quotes. */
    static String text(String json, String name) {
        int at = json.indexOf("\"" + name + "\":");
        if (at < 0) {
            throw new IllegalArgumentException("No " + name + " in " + json);
        }
        int from = at + name.length() + 3;
        int to = from;
        while (to < json.length() && ",}".indexOf(json.charAt(to)) < 0) {
            to++;
        }
        return json.substring(from, to).replace("\"", "");
    }

    static double number(String json, String name) {
        return Double.parseDouble(text(json, name));
    }

    static long whole(String json, String name) {
        return Long.parseLong(text(json, name));
    }
}
