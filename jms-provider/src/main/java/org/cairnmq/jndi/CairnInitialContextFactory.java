package org.cairnmq.jndi;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import org.cairnmq.embedded.EmbeddedBroker;
import org.cairnmq.jms.JmsQueue;
import org.cairnmq.jms.JmsTopic;

/**
 * JNDI for Java SE in the manner of Artemis's {@code ActiveMQInitialContextFactory}: a read-only context
 * whose connection factories, queues and topics come from the environment, over an embedded broker in this
 * JVM. Set {@code java.naming.factory.initial=org.cairnmq.jndi.CairnInitialContextFactory}; nothing is
 * registered globally.
 *
 * <table>
 * <caption>Environment properties</caption>
 * <tr><th>property</th><th>binds</th></tr>
 * <tr><td>{@code java.naming.provider.url=<jdbc url>}</td><td>nothing: the store of the broker behind the
 *     factories; absent, an in-memory H2 database (H2 must be on the class path)</td></tr>
 * <tr><td>(always)</td><td>{@code ConnectionFactory}, {@code QueueConnectionFactory},
 *     {@code TopicConnectionFactory}, {@code XAConnectionFactory}</td></tr>
 * <tr><td>{@code connectionFactory.<jndiName>=<value>}</td><td>a factory: value empty or {@code vm://0}
 *     (honouring Artemis's {@code ?type=CF|QUEUE_CF|TOPIC_CF|XA_CF}) for the provider URL's broker, or a
 *     JDBC URL for a broker of its own</td></tr>
 * <tr><td>{@code queue.<jndiName>=<queue name>}</td><td>a {@code Queue}</td></tr>
 * <tr><td>{@code topic.<jndiName>=<topic name>}</td><td>a {@code Topic}</td></tr>
 * <tr><td>(always)</td><td>{@code dynamicQueues/<name>}, {@code dynamicTopics/<name>}: any queue or topic</td></tr>
 * </table>
 *
 * <p>One broker runs per distinct JDBC URL (compared as strings) per JVM: every context with the same URL
 * shares it, and so reaches the same queues, as do all contexts without a URL. Brokers are not closed with
 * the contexts (applications often close the context once they have looked up the factory); they run
 * until {@link #stopBrokers()} or the end of the JVM.
 */
public final class CairnInitialContextFactory implements InitialContextFactory {
    private static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    private static final String QUEUE_PREFIX = "queue.";
    private static final String TOPIC_PREFIX = "topic.";
    private static final String[] DEFAULT_FACTORIES = {"ConnectionFactory", "QueueConnectionFactory",
        "TopicConnectionFactory"};
    private static final String DEFAULT_XA_FACTORY = "XAConnectionFactory";

    /**
     * A read-only context with the bindings the environment describes, starting the broker of its provider
     * URL if it does not run yet.
     *
     * @throws NamingException when the provider URL or a {@code connectionFactory.*} value is not one Cairn
     *                         can use, or a broker does not start (the message says why)
     */
    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        EmbeddedBroker broker = SharedBrokers.broker(providerUrl(environment));
        Map<String, Object> bindings = new HashMap<>();
        for (String name : DEFAULT_FACTORIES) {
            bindings.put(name, broker.connectionFactory());
        }
        bindings.put(DEFAULT_XA_FACTORY, broker.xaConnectionFactory());
        for (Map.Entry<?, ?> entry : environment.entrySet()) {
            String key = entry.getKey().toString();
            String value = entry.getValue() == null ? "" : entry.getValue().toString().trim();
            if (startsWithIgnoringCase(key, CONNECTION_FACTORY_PREFIX)) {
                bindings.put(jndiName(key, CONNECTION_FACTORY_PREFIX), connectionFactory(key, value, broker));
            } else if (key.startsWith(QUEUE_PREFIX)) {
                bindings.put(jndiName(key, QUEUE_PREFIX), new JmsQueue(destinationName(key, value)));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                bindings.put(jndiName(key, TOPIC_PREFIX), new JmsTopic(destinationName(key, value)));
            }
        }
        return new ReadOnlyContext(environment, bindings);
    }

    /**
     * Stops every broker that JNDI contexts started in this JVM and forgets the in-memory databases. For test
     * suites that want a clean slate between classes: factories looked up before no longer work, and the
     * next {@code new InitialContext(...)} starts its broker afresh.
     */
    public static void stopBrokers() {
        SharedBrokers.stopAll();
    }

    private static String providerUrl(Hashtable<?, ?> environment) {
        Object url = environment.get(Context.PROVIDER_URL);
        return url == null || url.toString().isBlank() ? null : url.toString().trim();
    }

    /** The part after the prefix; Qpid JMS spells the prefix {@code connectionfactory.}, so case is ignored. */
    private static String jndiName(String key, String prefix) throws NamingException {
        String name = key.substring(prefix.length());
        if (name.isEmpty()) {
            throw new NamingException("The property " + key + " names no JNDI entry: write " + prefix + "<name>");
        }
        return name;
    }

    private static String destinationName(String key, String value) throws NamingException {
        if (value.isEmpty()) {
            throw new NamingException("The property " + key + " gives no destination name");
        }
        return value;
    }

    /**
     * The factory a {@code connectionFactory.*} value asks for: a JDBC URL names a broker of its own;
     * empty or {@code vm:} (Artemis's in-VM broker, which is what Cairn is) means the provider URL's
     * broker, and only its {@code type} query parameter counts.
     */
    private static Object connectionFactory(String key, String value, EmbeddedBroker providerBroker)
            throws NamingException {
        if (value.isEmpty()) {
            return providerBroker.connectionFactory();
        }
        if (SharedBrokers.isJdbcUrl(value)) {
            return SharedBrokers.broker(value).connectionFactory();
        }
        if (!startsWithIgnoringCase(value, "vm:")) {
            throw new NamingException("Cairn cannot use " + key + "=" + value + ": Cairn runs in this JVM and has "
                    + "no network transport. Give vm://0 (optionally ?type=XA_CF), nothing, or the JDBC URL of a "
                    + "store (see docs/embedding.md).");
        }
        String type = queryParameter(value, "type");
        return switch (type == null ? "CF" : type.toUpperCase(Locale.ROOT)) {
            case "CF", "QUEUE_CF", "TOPIC_CF" -> providerBroker.connectionFactory();
            case "XA_CF", "QUEUE_XA_CF", "TOPIC_XA_CF" -> providerBroker.xaConnectionFactory();
            default -> throw new NamingException("Cairn cannot use " + key + "=" + value + ": the type must be one "
                    + "of CF, QUEUE_CF, TOPIC_CF, XA_CF, QUEUE_XA_CF and TOPIC_XA_CF");
        };
    }

    private static String queryParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String parameter : url.substring(query + 1).split("&")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).equalsIgnoreCase(name)) {
                return parameter.substring(equals + 1);
            }
        }
        return null;
    }

    private static boolean startsWithIgnoringCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
