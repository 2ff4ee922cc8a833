package org.cairnmq.it.security;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

/** Sends through Cairn's pooled factory with the credentials it is given. */
@Stateless
public class SecuredSender {
    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory factory;

    public void sendWithContext(String user, String password, String queue, String text) {
        try (JMSContext context = factory.createContext(user, password)) {
            context.createProducer().send(context.createQueue(queue), text);
        }
    }

    public void sendWithConnection(String user, String password, String queue, String text) throws JMSException {
        try (Connection connection = factory.createConnection(user, password)) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
        }
    }
}
