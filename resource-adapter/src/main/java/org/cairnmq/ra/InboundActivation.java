package org.cairnmq.ra;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cairnmq.jms.JmsConnectionFactory;
import org.cairnmq.jms.JmsSession;

/**
 * One activated message endpoint: {@code maxSession} consumer sessions on one connection, each handing its
 * messages to an endpoint instance of its own on its own delivery thread (a {@code Work} on the server's
 * {@code WorkManager}), so up to {@code maxSession} messages are processed at once. If the container wants
 * transacted delivery, each session's XA resource is given to its endpoint and every message is received
 * inside the bean's transaction ({@link TransactedDelivery}).
 */
final class InboundActivation {
    private static final Logger LOG = Logger.getLogger(InboundActivation.class.getName());

    private final CairnResourceAdapter adapter;
    private final MessageEndpointFactory endpointFactory;
    private final CairnActivationSpec spec;
    private final List<MessageEndpoint> endpoints = new ArrayList<>();
    private Connection connection;
    private InboundSubscription subscription;

    InboundActivation(CairnResourceAdapter adapter, MessageEndpointFactory endpointFactory, CairnActivationSpec spec) {
        this.adapter = adapter;
        this.endpointFactory = endpointFactory;
        this.spec = spec;
    }

    /** Resolves the lookups now, so a wrong one fails the deployment; then starts delivery. */
    synchronized void start() throws ResourceException {
        ConnectionFactoryLookup.check(spec);
        subscription = new InboundSubscription(spec, InboundDestination.resolve(spec));
        boolean transacted = isDeliveryTransacted();
        int acknowledgeMode = spec.sessionAcknowledgeMode();
        try {
            connection = new JmsConnectionFactory(adapter.broker()).createConnection();
            if (!CairnActivationSpec.isBlank(spec.getClientId())) {
                connection.setClientID(spec.getClientId());
            }
            for (int i = 0; i < spec.getMaxSession(); i++) {
                Session session = connection.createSession(false, acknowledgeMode);
                subscription.createConsumer(session).setMessageListener(listenerFor((JmsSession) session, transacted));
            }
            connection.start();
        } catch (JMSException e) {
            stop();
            throw new ResourceException("Cannot start delivery from " + subscription + ": " + e.getMessage(), e);
        }
        LOG.info("CAIRN-RA-010 Delivering " + subscription + " to " + endpointFactory.getEndpointClass()
                + " with " + spec.getMaxSession() + " sessions" + (transacted ? ", in XA transactions" : ""));
    }

    /** A new endpoint instance for one session, wrapped for transacted delivery if the container wants it. */
    private MessageListener listenerFor(JmsSession session, boolean transacted) throws ResourceException {
        MessageEndpoint endpoint = endpointFactory.createEndpoint(transacted ? session.getXAResource() : null);
        endpoints.add(endpoint);
        return transacted ? new TransactedDelivery(endpoint, adapter.transactions()) : (MessageListener) endpoint;
    }

    /**
     * Stops delivery. Closing the connection closes each session once its running {@code onMessage} (and,
     * if transacted, its transaction) is over; deliveries not acknowledged go back to their queue, so
     * nothing is lost and nothing stays in flight. Only then are the endpoints released.
     */
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
        LOG.info("CAIRN-RA-012 Stopped delivering " + subscription + " to " + endpointFactory.getEndpointClass());
    }

    /** Whether the container wants each delivery in a transaction of its own (a CMT bean with REQUIRED). */
    private boolean isDeliveryTransacted() throws ResourceException {
        try {
            return endpointFactory.isDeliveryTransacted(TransactedDelivery.ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new NotSupportedException("The endpoint is not a MessageListener: " + e.getMessage());
        }
    }
}
