package org.cairnmq.jms;

import static org.cairnmq.jms.JmsExceptions.unchecked;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.XAJMSContext;
import javax.transaction.xa.XAResource;

/**
 * A {@link JmsContext} over an XA session, for a transaction manager of the application's own in Java SE:
 * between {@code XAResource.start} and {@code end} its sends and receipts belong to the branch.
 *
 * <p>The transaction rules of {@code XAJMSContext} come from the XA session beneath: {@code getTransacted()}
 * is {@code true} and the session mode {@code SESSION_TRANSACTED}; {@code commit()} and {@code rollback()}
 * throw {@code TransactionInProgressRuntimeException}, since the transaction manager decides; {@code recover()}
 * throws {@code IllegalStateRuntimeException} and {@code acknowledge()} does nothing, as for any transacted
 * context. Outside a branch the session acknowledges each message it delivers. Contexts made from this one
 * with {@code createContext(int)} share its connection and are ordinary contexts.
 */
public final class JmsXAContext extends JmsContext implements XAJMSContext {

    private JmsXAContext(SharedConnection shared) {
        super(shared, SESSION_TRANSACTED);
    }

    /** An XA context over a new connection, which it owns. */
    static JmsXAContext open(JmsExceptions.Call<JmsConnection> connect) {
        return new JmsXAContext(new SharedConnection(unchecked(connect)));
    }

    @Override
    JmsSession openSession(JmsConnection connection) throws JMSException {
        return (JmsSession) connection.createXASession();
    }

    /** This context itself, which applications may use as a plain {@code JMSContext}. */
    @Override
    public JMSContext getContext() {
        return this;
    }

    /** The XA resource of the context's session, opening the session if it is not open yet. */
    @Override
    public XAResource getXAResource() {
        return session().getXAResource();
    }
}
