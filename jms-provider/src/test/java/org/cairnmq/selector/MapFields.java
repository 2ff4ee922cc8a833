package org.cairnmq.selector;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A message for selector tests: header fields and properties in a map; remembers what was asked. */
final class MapFields implements SelectorFields {

    private final Map<String, Object> values = new HashMap<>();
    private final Set<String> asked = new LinkedHashSet<>();

    /** Builds fields from name, value, name, value, … */
    static MapFields of(Object... namesAndValues) {
        MapFields fields = new MapFields();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    @Override
    public Object value(String identifier) {
        asked.add(identifier);
        return values.get(identifier);
    }

    Set<String> asked() {
        return asked;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
