package org.cairnmq.jms;

import jakarta.jms.MessageFormatException;
import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * The classes an {@code ObjectMessage} body may contain when Cairn deserializes it. Deserializing data
 * from the network or a database can run code of any class on the class path, so everything not allowed
 * here is refused: {@code getObject()} and {@code getBody()} throw a {@code MessageFormatException}
 * naming the class.
 *
 * <p>Allowed by default ({@link #defaults()}): the classes of {@code java.lang} (boxed primitives,
 * {@code String}, {@code Number}, {@code Enum}…), {@code java.math}, {@code java.time} and its
 * subpackages, and the usual {@code java.util} collections, maps, {@code Date}, {@code UUID},
 * {@code Locale} and {@code Currency}. Allow more classes in either or both of two ways:
 *
 * <ul>
 * <li>the system property {@value #SYSTEM_PROPERTY}, a comma-separated list read at every
 * deserialization, e.g. {@code -Dorg.cairnmq.objectmessage.allowList=com.acme.*,org.example.Order};</li>
 * <li>{@link #allow(String...)} from application code, for the whole JVM (or, in an application server,
 * for every application that shares this resource adapter).</li>
 * </ul>
 *
 * <p>A pattern is written as in the JDK's serialization filters ({@link ObjectInputFilter.Config#createFilter}):
 * {@code org.example.Order} one class (a nested class is {@code org.example.Order$Line});
 * {@code com.acme.*} every class of package {@code com.acme}; {@code com.acme.**} every class of
 * {@code com.acme} and its subpackages; {@code com.acme.Order*} every class whose name starts so; {@code *}
 * every class, which turns the protection off. An array is judged by its element type; arrays of
 * primitives are always allowed. Enum constants need their enum class allowed.
 */
public final class ObjectMessageAllowList {
    /** The system property that lists more allowed classes and packages, separated by commas. */
    public static final String SYSTEM_PROPERTY = "org.cairnmq.objectmessage.allowList";

    private static final List<String> DEFAULTS = List.of(
            "java.lang.*",
            "java.math.*",
            "java.time.**",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.Vector", "java.util.Stack",
            "java.util.ArrayDeque", "java.util.PriorityQueue",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.Hashtable",
            "java.util.IdentityHashMap", "java.util.EnumMap", "java.util.Properties",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.EnumSet$SerializationProxy", "java.util.RegularEnumSet", "java.util.JumboEnumSet",
            "java.util.BitSet", "java.util.Date", "java.util.UUID", "java.util.Locale", "java.util.Currency",
            "java.util.AbstractMap$SimpleEntry", "java.util.AbstractMap$SimpleImmutableEntry",
            "java.util.Arrays$ArrayList", "java.util.Collections$*", "java.util.CollSer",
            "java.util.ImmutableCollections$*", "java.util.Comparators$*",
            // The array type that hash maps and tables check before they allocate one, when read.
            "java.util.Map$Entry",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$Segment",
            // Written by ConcurrentHashMap for compatibility with its Java 7 form.
            "java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.ReentrantLock$Sync",
            "java.util.concurrent.locks.ReentrantLock$NonfairSync",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer",
            "java.util.concurrent.locks.AbstractOwnableSynchronizer",
            "java.util.concurrent.ConcurrentSkipListMap", "java.util.concurrent.ConcurrentSkipListSet",
            "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.CopyOnWriteArraySet",
            "java.util.concurrent.ConcurrentLinkedQueue", "java.util.concurrent.ConcurrentLinkedDeque");

    private static final Pattern VALID = Pattern.compile("\\*|[\\p{L}\\p{N}_$.]+(\\*|\\.\\*\\*)?");
    private static final Set<String> ADDED = new CopyOnWriteArraySet<>();
    private static volatile Compiled compiled;

    private ObjectMessageAllowList() {
    }

    /** Allows more classes or packages, in the pattern syntax above, for the rest of this JVM's life. */
    public static void allow(String... patterns) {
        for (String pattern : patterns) {
            ADDED.add(checked(pattern.trim()));
        }
    }

    /** Takes back patterns given to {@link #allow}; the defaults and the system property stay. */
    public static void disallow(String... patterns) {
        for (String pattern : patterns) {
            ADDED.remove(pattern.trim());
        }
    }

    /** The patterns allowed whatever the configuration. */
    public static List<String> defaults() {
        return DEFAULTS;
    }

    /** Every pattern in force now: the defaults, then the system property's, then those given to {@link #allow}. */
    public static List<String> patterns() {
        List<String> all = new ArrayList<>(DEFAULTS);
        String property = System.getProperty(SYSTEM_PROPERTY, "");
        Arrays.stream(property.split(",")).map(String::trim).filter(p -> !p.isEmpty()).forEach(all::add);
        all.addAll(ADDED);
        return all;
    }

    /** A filter for one deserialization, which remembers the first class it refused. */
    static Filter newFilter() throws MessageFormatException {
        List<String> patterns = patterns();
        for (String pattern : patterns) {
            if (!VALID.matcher(pattern).matches()) {
                throw new MessageFormatException("Not a class pattern in " + SYSTEM_PROPERTY + ": '" + pattern
                        + "'. Use org.example.Order, com.acme.* or com.acme.**");
            }
        }
        String spec = String.join(";", patterns) + ";!*";
        Compiled current = compiled;
        if (current == null || !current.spec.equals(spec)) {
            current = new Compiled(spec, ObjectInputFilter.Config.createFilter(spec));
            compiled = current;
        }
        return new Filter(current.filter);
    }

    private static String checked(String pattern) {
        if (!VALID.matcher(pattern).matches()) {
            throw new IllegalArgumentException("Not a class pattern: '" + pattern
                    + "'. Use org.example.Order, com.acme.* or com.acme.**");
        }
        return pattern;
    }

    private record Compiled(String spec, ObjectInputFilter filter) {
    }

    /** Applies the allow-list to one stream and notes the first class refused, for the error message. */
    static final class Filter implements ObjectInputFilter {
        private final ObjectInputFilter patterns;
        private String rejected;

        private Filter(ObjectInputFilter patterns) {
            this.patterns = patterns;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Status status = patterns.checkInput(info);
            if (status == Status.REJECTED && rejected == null && info.serialClass() != null) {
                Class<?> type = info.serialClass();
                while (type.isArray()) {
                    type = type.getComponentType();
                }
                rejected = type.getName();
            }
            return status;
        }

        /** The first class refused, or {@code null}. */
        String rejected() {
            return rejected;
        }
    }
}
