package org.cairnmq.it.xa;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A message-driven bean with the default container-managed transaction: it writes the order's row; it
 * throws for an order whose text starts with {@code fail-}, and marks the transaction rollback-only, on
 * the first delivery only, for one that contains {@code rollback-once-}. Either must roll back the row,
 * the message's receipt and what the bean sent. An order starting with {@code forward-} is sent on to
 * another queue, with its delivery count.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = OrderListener.QUEUE),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
public class OrderListener implements MessageListener {
    static final String QUEUE = "xa-mdb-orders";
    static final String FORWARDED = "xa-mdb-forwarded";

    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory cairn;

    @Resource(lookup = "java:jboss/datasources/XaOrdersDS")
    DataSource orders;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Resource
    MessageDrivenContext context;

    @Inject
    DeliveryLog log;

    @Override
    public void onMessage(Message message) {
        try {
            String text = ((TextMessage) message).getText();
            log.delivered(text, message.getJMSRedelivered(), message.getIntProperty("JMSXDeliveryCount"));
            transaction.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    log.completed(text, status == Status.STATUS_COMMITTED);
                }
            });
            try (java.sql.Connection db = orders.getConnection();
                    PreparedStatement insert = db.prepareStatement("INSERT INTO orders (id, origin) VALUES (?, 'mdb')")) {
                insert.setString(1, text);
                insert.executeUpdate();
            }
            if (text.startsWith("fail-")) {
                throw new IllegalStateException("Order " + text + " refused, as the test asked");
            }
            if (text.startsWith("forward-")) {
                forward(text + "#" + message.getIntProperty("JMSXDeliveryCount"));
            }
            if (text.contains("rollback-once-") && !message.getJMSRedelivered()) {
                context.setRollbackOnly();
            }
        } catch (JMSException | SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends on through the pooled factory: a second Cairn session in the same transaction. */
    private void forward(String text) throws JMSException {
        try (Connection connection = cairn.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue(FORWARDED)).send(session.createTextMessage(text));
        }
    }
}
