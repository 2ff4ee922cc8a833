package org.cairnmq.it.xa;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A bean that does what applications do in one container-managed JTA transaction: a row in its own XA
 * data source and a message through Cairn's pooled connection factory.
 */
@Stateless
public class OrderDesk {
    /** How a transactional method ends. */
    public enum Ending { COMMIT, SET_ROLLBACK_ONLY, THROW }

    /** A message taken from a queue, as the bean saw it. */
    public record Taken(String text, boolean redelivered) {
    }

    /** What the session said inside a JTA transaction. */
    public record RulesSeen(boolean transacted, int acknowledgeMode, String commit, String rollback) {
    }

    static final long RECEIVE_MILLIS = 10_000;

    @Resource(lookup = "java:jboss/datasources/XaOrdersDS")
    DataSource orders;

    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory cairn;

    @Resource
    SessionContext context;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void createTable() throws SQLException {
        try (java.sql.Connection db = orders.getConnection(); Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(100) PRIMARY KEY, origin VARCHAR(20))");
        }
    }

    /** Inserts the order's row and sends it to the queue in one transaction, then ends as told. */
    public void placeOrder(String queue, String id, Ending ending) throws SQLException, JMSException {
        insert(id, "placed");
        try (Connection connection = cairn.createConnection()) {
            // The arguments are ignored inside a JTA transaction: the session joins it.
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(id));
        }
        end(ending);
    }

    /** Receives one message and records it as a row in one transaction, then ends as told. */
    public Taken takeOrder(String queue, Ending ending) throws SQLException, JMSException {
        Taken taken;
        try (Connection connection = cairn.createConnection()) {
            Session session = connection.createSession();
            Message message = session.createConsumer(session.createQueue(queue)).receive(RECEIVE_MILLIS);
            if (message == null) {
                return null;
            }
            taken = new Taken(((TextMessage) message).getText(), message.getJMSRedelivered());
        }
        insert(taken.text() + "/taken", "taken");
        end(ending);
        return taken;
    }

    /** What the session's transaction calls do inside a JTA transaction. */
    public RulesSeen sessionRulesInsideTransaction() throws JMSException {
        try (Connection connection = cairn.createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            return new RulesSeen(session.getTransacted(), session.getAcknowledgeMode(),
                    thrownBy(session::commit), thrownBy(session::rollback));
        }
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean rowExists(String id) throws SQLException {
        try (java.sql.Connection db = orders.getConnection();
                PreparedStatement select = db.prepareStatement("SELECT COUNT(*) FROM orders WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    private void insert(String id, String origin) throws SQLException {
        try (java.sql.Connection db = orders.getConnection();
                PreparedStatement insert = db.prepareStatement("INSERT INTO orders (id, origin) VALUES (?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, origin);
            insert.executeUpdate();
        }
    }

    private void end(Ending ending) {
        switch (ending) {
            case COMMIT -> { }
            case SET_ROLLBACK_ONLY -> context.setRollbackOnly();
            case THROW -> throw new IllegalStateException("The order desk refuses, as the test asked");
        }
    }

    private interface JmsCall {
        void run() throws JMSException;
    }

    private static String thrownBy(JmsCall call) {
        try {
            call.run();
            return "nothing";
        } catch (JMSException e) {
            return e.getClass().getName();
        }
    }
}
