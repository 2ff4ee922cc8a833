package org.cairnmq.it.cluster;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The same bean on every node: container-managed transaction (REQUIRED), and each delivery written at once
 * to a table of the shared database (on the store's pool, outside the transaction), so that what a node
 * processed is known even after that node died.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = ClusterIT.QUEUE),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class ClusterListener implements MessageListener {
    @Override
    public void onMessage(Message message) {
        work();
        try (Connection c = deliveries().getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "insert into " + ClusterIT.DELIVERIES + " (text, node, redelivered) values (?, ?, ?)")) {
            insert.setString(1, ((TextMessage) message).getText());
            insert.setString(2, System.getProperty("jboss.node.name"));
            insert.setBoolean(3, message.getJMSRedelivered());
            insert.executeUpdate();
        } catch (JMSException | SQLException | NamingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Some work per message, as an application does: so that a node halted mid-flow holds messages. */
    private static void work() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DataSource deliveries() throws NamingException {
        // Looked up when used: the data source is added by the test after this bean is deployed.
        return (DataSource) new InitialContext().lookup("java:jboss/datasources/" + ClusterIT.DATA_SOURCE);
    }
}
