package org.cairnmq.jndi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import org.cairnmq.jms.JmsQueue;
import org.cairnmq.jms.JmsTopic;

/**
 * The context {@link CairnInitialContextFactory} returns: the bindings made from the environment, read
 * only. Names are composite ({@code jms/queue/orders}); a name that is the start of bound names is a
 * sub-context of this class. {@code dynamicQueues/<name>} and {@code dynamicTopics/<name>} are a queue or
 * topic of that name, bound or not. Thread-safe: the bindings never change.
 */
final class ReadOnlyContext implements Context {
    static final String DYNAMIC_QUEUES = "dynamicQueues";
    static final String DYNAMIC_TOPICS = "dynamicTopics";
    private static final NameParser PARSER = CompositeName::new;

    private final Hashtable<Object, Object> environment;
    /** Full names (from the root) → objects. */
    private final Map<String, Object> bindings;
    /** The full name of this context followed by {@code /}; empty for the root. */
    private final String prefix;

    ReadOnlyContext(Hashtable<?, ?> environment, Map<String, Object> bindings) {
        this(new Hashtable<>(environment), Map.copyOf(bindings), "");
    }

    private ReadOnlyContext(Hashtable<Object, Object> environment, Map<String, Object> bindings, String prefix) {
        this.environment = environment;
        this.bindings = bindings;
        this.prefix = prefix;
    }

    @Override
    public Object lookup(String name) throws NamingException {
        String full = fullName(name);
        if (full.equals(stripSlash(prefix))) {
            return new ReadOnlyContext(new Hashtable<>(environment), bindings, prefix);
        }
        Object bound = bindings.get(full);
        if (bound != null) {
            return bound;
        }
        Object dynamic = dynamic(full);
        if (dynamic != null) {
            return dynamic;
        }
        if (isContext(full)) {
            return new ReadOnlyContext(new Hashtable<>(environment), bindings, full + "/");
        }
        throw new NameNotFoundException("Nothing is bound as '" + full + "' in Cairn's JNDI context (bound: "
                + String.join(", ", new TreeMap<>(bindings).keySet()) + "; name queues and topics with queue.<name> "
                + "and topic.<name> properties, or look up dynamicQueues/<queue> or dynamicTopics/<topic>)");
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        return lookup(name.toString());
    }

    private String fullName(String name) {
        return stripSlash(prefix + stripSlash(name));
    }

    private static String stripSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private static Object dynamic(String full) {
        if (full.startsWith(DYNAMIC_QUEUES + "/") && full.length() > DYNAMIC_QUEUES.length() + 1) {
            return new JmsQueue(full.substring(DYNAMIC_QUEUES.length() + 1));
        }
        if (full.startsWith(DYNAMIC_TOPICS + "/") && full.length() > DYNAMIC_TOPICS.length() + 1) {
            return new JmsTopic(full.substring(DYNAMIC_TOPICS.length() + 1));
        }
        return null;
    }

    private boolean isContext(String full) {
        if (full.equals(DYNAMIC_QUEUES) || full.equals(DYNAMIC_TOPICS)) {
            return true;
        }
        for (String bound : bindings.keySet()) {
            if (bound.startsWith(full + "/")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name);
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    /** The names directly under a context, each with its object (a sub-context for a longer name). */
    private Map<String, Object> children(String name) throws NamingException {
        Object target = lookup(name);
        if (!(target instanceof ReadOnlyContext context)) {
            throw new NotContextException("'" + fullName(name) + "' is not a context");
        }
        Map<String, Object> children = new TreeMap<>();
        if (context.prefix.isEmpty()) {
            children.put(DYNAMIC_QUEUES, context.lookup(DYNAMIC_QUEUES));
            children.put(DYNAMIC_TOPICS, context.lookup(DYNAMIC_TOPICS));
        }
        for (Map.Entry<String, Object> entry : bindings.entrySet()) {
            if (!entry.getKey().startsWith(context.prefix)) {
                continue;
            }
            String rest = entry.getKey().substring(context.prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                children.put(rest, entry.getValue());
            } else if (!children.containsKey(rest.substring(0, slash))) {
                children.put(rest.substring(0, slash), context.lookup(rest.substring(0, slash)));
            }
        }
        return children;
    }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        List<NameClassPair> pairs = new ArrayList<>();
        children(name).forEach((child, object) -> pairs.add(new NameClassPair(child, object.getClass().getName())));
        return new Enumeration<>(pairs);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(name.toString());
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        List<Binding> list = new ArrayList<>();
        children(name).forEach((child, object) -> list.add(new Binding(child, object)));
        return new Enumeration<>(list);
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(name.toString());
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly();
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly();
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly();
    }

    private static OperationNotSupportedException readOnly() {
        return new OperationNotSupportedException("Cairn's JNDI context is read only: its bindings come from the "
                + "environment (connectionFactory.*, queue.*, topic.*) given to the InitialContext");
    }

    @Override
    public NameParser getNameParser(Name name) {
        return PARSER;
    }

    @Override
    public NameParser getNameParser(String name) {
        return PARSER;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        return ((Name) prefix.clone()).addAll(name);
    }

    @Override
    public String composeName(String name, String prefix) {
        return prefix.isEmpty() ? name : stripSlash(prefix) + "/" + name;
    }

    /** Changes this context's copy of the environment only; the bindings stay as they were made. */
    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(String propName) {
        return environment.remove(propName);
    }

    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    /**
     * Releases nothing: the broker behind the context's factories keeps running for the factories already
     * looked up and for later contexts ({@link CairnInitialContextFactory#stopBrokers()}).
     */
    @Override
    public void close() {
    }

    @Override
    public String getNameInNamespace() {
        return stripSlash(prefix);
    }

    /** A naming enumeration over a fixed list. */
    private static final class Enumeration<T> implements NamingEnumeration<T> {
        private final Iterator<T> items;

        Enumeration(Collection<T> items) {
            this.items = items.iterator();
        }

        @Override
        public T next() {
            return nextElement();
        }

        @Override
        public boolean hasMore() {
            return items.hasNext();
        }

        @Override
        public boolean hasMoreElements() {
            return items.hasNext();
        }

        @Override
        public T nextElement() {
            if (!items.hasNext()) {
                throw new NoSuchElementException();
            }
            return items.next();
        }

        @Override
        public void close() {
        }
    }
}
