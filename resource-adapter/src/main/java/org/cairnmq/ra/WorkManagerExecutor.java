package org.cairnmq.ra;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Runs the broker's tasks on the container's {@link WorkManager}, as the Connectors contract asks. */
final class WorkManagerExecutor implements Executor {
    private final WorkManager workManager;

    WorkManagerExecutor(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public void execute(Runnable task) {
        try {
            workManager.scheduleWork(new BrokerWork(task));
        } catch (WorkException e) {
            throw new RejectedExecutionException("The work manager refused Cairn's work", e);
        }
    }

    /** One broker task as a unit of container work. */
    private record BrokerWork(Runnable task) implements Work {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public void release() {
            // Tasks are short; nothing to interrupt.
        }
    }
}
