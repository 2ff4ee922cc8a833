package org.cairnmq.admin.stats;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cairnmq.admin.BrokerAccess;
import org.cairnmq.admin.DestinationKey;
import org.cairnmq.admin.jmx.DestinationMBeans;
import org.cairnmq.management.BrokerManagement;
import org.cairnmq.management.DestinationView;

/**
 * Reads every destination's counters every few seconds ({@code cairn.admin.sampleSeconds}, default 5) and
 * keeps the last 15 minutes for the charts and the rates. Each reading also brings the JMX MBeans in line
 * with the destinations that exist. Temporary destinations are left out: they come and go with connections.
 */
@ApplicationScoped
public class StatisticsSampler {
    private static final Logger LOG = Logger.getLogger(StatisticsSampler.class.getName());
    static final long INTERVAL_MILLIS = TimeUnit.SECONDS.toMillis(Long.getLong("cairn.admin.sampleSeconds", 5));
    private static final long KEPT_MILLIS = TimeUnit.MINUTES.toMillis(15);
    private static final int CAPACITY = (int) (KEPT_MILLIS / INTERVAL_MILLIS);

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    BrokerAccess broker;
    @Inject
    DestinationMBeans mbeans;

    private final Clock clock = Clock.systemUTC();
    private final Map<DestinationKey, History> histories = new ConcurrentHashMap<>();
    private final History total = new History(CAPACITY);
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        task = scheduler.scheduleWithFixedDelay(this::sampleQuietly, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        mbeans.unregisterAll();
    }

    /** The interval between readings, in milliseconds. */
    public long intervalMillis() {
        return INTERVAL_MILLIS;
    }

    /** A destination's recent points, oldest first (empty for one not sampled yet). */
    public List<StatisticsPoint> history(DestinationKey key) {
        History history = histories.get(key);
        return history == null ? List.of() : history.points();
    }

    /** All destinations together, oldest first. */
    public List<StatisticsPoint> totalHistory() {
        return total.points();
    }

    /** The rates of the latest interval, if the destination has been read at least once. */
    public Optional<StatisticsPoint> latest(DestinationKey key) {
        History history = histories.get(key);
        return Optional.ofNullable(history == null ? null : history.latest());
    }

    private void sampleQuietly() {
        try {
            broker.ifDeployed().ifPresent(this::sample);
        } catch (RuntimeException e) {
            // The broker may be starting or stopping; the next reading tries again.
            LOG.log(Level.FINE, "CAIRN-ADMIN-001 Statistics not read this time", e);
        }
    }

    void sample(BrokerManagement management) {
        long now = clock.millis();
        List<DestinationView> views = management.destinations().stream().filter(v -> !v.temporary()).toList();
        Counters sum = Counters.zero(now);
        Set<DestinationKey> seen = new HashSet<>();
        for (DestinationView view : views) {
            DestinationKey key = DestinationKey.of(view);
            seen.add(key);
            Counters counters = Counters.of(now, view);
            histories.computeIfAbsent(key, k -> new History(CAPACITY)).record(counters);
            sum = sum.plus(counters);
        }
        histories.keySet().retainAll(seen);
        total.record(sum);
        mbeans.sync(seen);
    }
}
