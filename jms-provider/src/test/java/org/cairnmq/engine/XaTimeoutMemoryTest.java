package org.cairnmq.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.util.UUID;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.cairnmq.embedded.EmbeddedBroker;
import org.junit.jupiter.api.Test;

/**
 * A transaction manager sets a timeout on every branch (WildFly: 300 s). A branch that finishes in time
 * must not stay behind on the broker's timer with its messages until the timeout would have come.
 */
class XaTimeoutMemoryTest {
    @Test
    void finishedBranchesLeaveNothingOnTheTimer() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
             XAConnection connection = broker.xaConnectionFactory().createXAConnection()) {
            int before = broker.broker().pendingTimers();
            XASession session = connection.createXASession();
            XAResource resource = session.getXAResource();
            resource.setTransactionTimeout(300);
            for (int i = 0; i < 50; i++) {
                Xid xid = new TestXid(i);
                resource.start(xid, XAResource.TMNOFLAGS);
                session.createProducer(session.createQueue("xa-timeouts")).send(session.createTextMessage("m" + i));
                resource.end(xid, XAResource.TMSUCCESS);
                if (i % 2 == 0) {
                    resource.commit(xid, true);
                } else {
                    resource.prepare(xid);
                    resource.commit(xid, false);
                }
            }
            assertEquals(before, broker.broker().pendingTimers());
            assertTrue(broker.broker().queueDepth("xa-timeouts") == 50);
        }
    }

    private record TestXid(int n) implements Xid {
        @Override
        public int getFormatId() {
            return 4711;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return ("timeout-test-" + n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {1};
        }
    }
}
