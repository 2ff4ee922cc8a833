package org.cairnmq.admin;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Supplier;
import org.cairnmq.management.BrokerManagement;
import org.cairnmq.management.DestinationView;
import org.cairnmq.management.NodeView;

/** Tests: a {@link BrokerManagement} that answers its node name, destinations and nodes, and nothing else. */
public final class FakeManagement {
    private FakeManagement() {
    }

    /** @param nodes asked on each call, so that it may throw */
    public static BrokerManagement of(String nodeName, List<DestinationView> destinations,
            Supplier<List<NodeView>> nodes) {
        return (BrokerManagement) Proxy.newProxyInstance(FakeManagement.class.getClassLoader(),
                new Class<?>[] {BrokerManagement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "nodeName" -> nodeName;
                    case "destinations" -> destinations;
                    case "nodes" -> nodes.get();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A {@link BrokerAccess} that reaches this management. */
    public static BrokerAccess access(BrokerManagement management) {
        return new BrokerAccess() {
            @Override
            public BrokerManagement management() {
                return management;
            }
        };
    }
}
