package org.cairnmq.jndi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.ConnectionFactory;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;
import org.cairnmq.jms.JmsQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class JndiBadInputTest {
    private final String storeUrl = "jdbc:h2:mem:jndi-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @AfterAll
    static void stopBrokers() {
        CairnInitialContextFactory.stopBrokers();
    }

    private Hashtable<String, String> environment() {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, CairnInitialContextFactory.class.getName());
        env.put(Context.PROVIDER_URL, storeUrl);
        env.put("queue.orders", "orders");
        return env;
    }

    @Test
    void unknownNameIsNotFound() throws Exception {
        InitialContext jndi = new InitialContext(environment());
        NameNotFoundException e = assertThrows(NameNotFoundException.class, () -> jndi.lookup("nosuch"));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
        assertThrows(NameNotFoundException.class, () -> jndi.lookup("queue/nosuch"));
    }

    @Test
    void providerUrlThatIsNotJdbcIsRefusedClearly() {
        Hashtable<String, String> env = environment();
        env.put(Context.PROVIDER_URL, "tcp://localhost:61616");
        NamingException e = assertThrows(NamingException.class, () -> new InitialContext(env));
        assertTrue(e.getMessage().contains("JDBC URL") && e.getMessage().contains("tcp://localhost:61616"),
                e.getMessage());
    }

    @Test
    void networkConnectionFactoryUrlIsRefused() {
        Hashtable<String, String> env = environment();
        env.put("connectionFactory.ConnectionFactory", "tcp://localhost:61616");
        NamingException e = assertThrows(NamingException.class, () -> new InitialContext(env));
        assertTrue(e.getMessage().contains("no network transport"), e.getMessage());
    }

    @Test
    void unsupportedFactoryTypeIsRefused() {
        Hashtable<String, String> env = environment();
        env.put("connectionFactory.cf", "vm://0?type=REMOTE_CF");
        assertThrows(NamingException.class, () -> new InitialContext(env));
    }

    @Test
    void databaseThatCannotOpenIsANamingException() {
        Hashtable<String, String> env = environment();
        env.put(Context.PROVIDER_URL, "jdbc:nosuchdb://localhost/cairn");
        NamingException e = assertThrows(NamingException.class, () -> new InitialContext(env));
        assertTrue(e.getMessage().contains("jdbc:nosuchdb://localhost/cairn"), e.getMessage());
    }

    @Test
    void contextIsReadOnly() throws Exception {
        InitialContext jndi = new InitialContext(environment());
        assertThrows(OperationNotSupportedException.class, () -> jndi.bind("x", new JmsQueue("x")));
        assertThrows(OperationNotSupportedException.class, () -> jndi.rebind("orders", new JmsQueue("x")));
        assertThrows(OperationNotSupportedException.class, () -> jndi.unbind("orders"));
        assertThrows(OperationNotSupportedException.class, () -> jndi.createSubcontext("sub"));
    }

    @Test
    void listsTheRootBindings() throws Exception {
        InitialContext jndi = new InitialContext(environment());
        List<String> names = new ArrayList<>();
        NamingEnumeration<NameClassPair> list = jndi.list("");
        while (list.hasMore()) {
            names.add(list.next().getName());
        }
        assertEquals(List.of("ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory",
                "XAConnectionFactory", "dynamicQueues", "dynamicTopics", "orders"), names);
        assertTrue(jndi.lookup("ConnectionFactory") instanceof ConnectionFactory);
    }
}
