package org.cairnmq.ra;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.cairnmq.jms.JmsConnectionFactory;
import org.cairnmq.jms.JmsSession;

/**
 * One activated message endpoint: {@code maxSession} consumer sessions on its queue, each handing its
 * messages to an endpoint instance of its own. If the container wants transacted delivery, each session's
 * XA resource is given to its endpoint and every message is received inside the bean's transaction
 * ({@link TransactedDelivery}).
 */
final class InboundActivation {
    private static final Logger LOG = Logger.getLogger(InboundActivation.class.getName());

    private final CairnResourceAdapter adapter;
    private final MessageEndpointFactory endpointFactory;
    private final CairnActivationSpec spec;
    private final List<MessageEndpoint> endpoints = new ArrayList<>();
    private Connection connection;

    InboundActivation(CairnResourceAdapter adapter, MessageEndpointFactory endpointFactory, CairnActivationSpec spec) {
        this.adapter = adapter;
        this.endpointFactory = endpointFactory;
        this.spec = spec;
    }

    /** Resolves the destination now, so a wrong one fails the deployment; then starts delivery. */
    synchronized void start() throws ResourceException {
        String queueName = resolveQueueName();
        boolean transacted = isDeliveryTransacted();
        try {
            connection = new JmsConnectionFactory(adapter.broker()).createConnection();
            for (int i = 0; i < spec.getMaxSession(); i++) {
                Session session = connection.createSession(false, spec.sessionAcknowledgeMode());
                MessageListener listener;
                if (transacted) {
                    MessageEndpoint endpoint = endpointFactory.createEndpoint(((JmsSession) session).getXAResource());
                    endpoints.add(endpoint);
                    listener = new TransactedDelivery(endpoint);
                } else {
                    MessageEndpoint endpoint = endpointFactory.createEndpoint(null);
                    endpoints.add(endpoint);
                    listener = (MessageListener) endpoint;
                }
                session.createConsumer(session.createQueue(queueName)).setMessageListener(listener);
            }
            connection.start();
        } catch (JMSException e) {
            stop();
            throw new ResourceException("Cannot start delivery from queue " + queueName + ": " + e.getMessage(), e);
        }
        LOG.info("CAIRN-RA-010 Delivering queue " + queueName + " to " + endpointFactory.getEndpointClass()
                + " with " + spec.getMaxSession() + " sessions" + (transacted ? ", in XA transactions" : ""));
    }

    /** Stops delivery; messages being delivered finish, unacknowledged ones go back to the queue. */
    synchronized void stop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.log(Level.WARNING, "CAIRN-RA-011 Closing an inbound connection failed", e);
            }
            connection = null;
        }
        endpoints.forEach(MessageEndpoint::release);
        endpoints.clear();
    }

    /** Whether the container wants each delivery in a transaction of its own (a CMT bean with REQUIRED). */
    private boolean isDeliveryTransacted() throws ResourceException {
        try {
            return endpointFactory.isDeliveryTransacted(TransactedDelivery.ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new jakarta.resource.NotSupportedException("The endpoint is not a MessageListener: " + e.getMessage());
        }
    }

    private String resolveQueueName() throws ResourceException {
        String lookup = spec.getDestinationLookup();
        if (lookup == null || lookup.isBlank()) {
            return spec.getDestination();
        }
        try {
            Object found = new InitialContext().lookup(lookup);
            if (!(found instanceof Queue queue)) {
                throw new jakarta.resource.spi.InvalidPropertyException(
                        "Invalid activation property destinationLookup: " + lookup + " is not a queue but " + found);
            }
            return queue.getQueueName();
        } catch (NamingException | JMSException e) {
            throw new jakarta.resource.spi.InvalidPropertyException(
                    "Invalid activation property destinationLookup: cannot look up " + lookup + ": " + e.getMessage());
        }
    }
}
