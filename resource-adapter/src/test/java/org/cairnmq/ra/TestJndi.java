package org.cairnmq.ra;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/**
 * JNDI for the adapter's tests: what the server would bind (the store's data source, destinations,
 * connection factories), installed as the JVM's initial context factory.
 */
public final class TestJndi implements InitialContextFactory {
    private static final Map<String, Object> BINDINGS = new ConcurrentHashMap<>();

    /** Installs this factory with no bindings. */
    static void install() {
        BINDINGS.clear();
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestJndi.class.getName());
    }

    static void uninstall() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        BINDINGS.clear();
    }

    static void bind(String name, Object value) {
        BINDINGS.put(name, value);
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("lookup") && BINDINGS.containsKey(String.valueOf(args[0]))) {
                        return BINDINGS.get(String.valueOf(args[0]));
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new NameNotFoundException(method.getName() + " " + (args == null ? "" : args[0]));
                });
    }
}
