package org.cairnmq.admin.jmx;

import java.util.function.Function;
import org.cairnmq.admin.BrokerAccess;
import org.cairnmq.admin.DestinationKey;
import org.cairnmq.admin.stats.StatisticsPoint;
import org.cairnmq.management.DestinationView;
import org.cairnmq.management.ManagementException;

/** The MBean of one destination: every attribute read from the broker when JMX asks for it. */
final class DestinationStatistics implements DestinationStatisticsMBean {
    private final DestinationKey key;
    private final BrokerAccess broker;
    private final Function<DestinationKey, StatisticsPoint> rates;

    DestinationStatistics(DestinationKey key, BrokerAccess broker, Function<DestinationKey, StatisticsPoint> rates) {
        this.key = key;
        this.broker = broker;
        this.rates = rates;
    }

    // Between a destination's deletion and the next sampling its MBean is still there: it reads as empty.
    private DestinationView view() {
        try {
            return broker.management().destination(key.type(), key.name());
        } catch (ManagementException e) {
            if (e.kind() != ManagementException.Kind.NOT_FOUND) {
                throw e;
            }
            return new DestinationView(key.type(), key.name(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, false, 0, 0);
        }
    }

    @Override
    public String getKind() {
        return key.typeName();
    }

    @Override
    public String getName() {
        return key.name();
    }

    @Override
    public long getDepth() {
        return view().depth();
    }

    @Override
    public long getInMemory() {
        return view().inMemory();
    }

    @Override
    public long getInFlight() {
        return view().inFlight();
    }

    @Override
    public long getScheduled() {
        return view().scheduled();
    }

    @Override
    public int getConsumers() {
        return view().consumers();
    }

    @Override
    public int getSubscriptions() {
        return view().subscriptions();
    }

    @Override
    public long getEnqueued() {
        return view().enqueued();
    }

    @Override
    public long getDequeued() {
        return view().acknowledged();
    }

    @Override
    public long getExpired() {
        return view().expired();
    }

    @Override
    public long getDeadLettered() {
        return view().deadLettered();
    }

    @Override
    public long getMemoryBytes() {
        return view().memoryBytes();
    }

    @Override
    public long getOldestMessageAgeMillis() {
        return view().oldestMessageAgeMillis();
    }

    @Override
    public double getEnqueuedPerSecond() {
        StatisticsPoint point = rates.apply(key);
        return point == null ? 0 : point.enqueuedPerSecond();
    }

    @Override
    public double getDequeuedPerSecond() {
        StatisticsPoint point = rates.apply(key);
        return point == null ? 0 : point.dequeuedPerSecond();
    }
}
