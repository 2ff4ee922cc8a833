package org.cairnmq.ra;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkManager;
import java.lang.reflect.Proxy;
import java.util.concurrent.Executor;

/** A bootstrap context as the server gives the adapter, whose work manager only schedules work. */
final class FakeBootstrapContext {
    private FakeBootstrapContext() {
    }

    /** Work runs at once, on the thread that schedules it: deliveries happen inside the call that causes them. */
    static BootstrapContext synchronous() {
        return on(Runnable::run);
    }

    /** Work runs on the given threads. */
    static BootstrapContext on(Executor threads) {
        WorkManager workManager = (WorkManager) Proxy.newProxyInstance(WorkManager.class.getClassLoader(),
                new Class<?>[] {WorkManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("scheduleWork")) {
                        threads.execute((Work) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (BootstrapContext) Proxy.newProxyInstance(BootstrapContext.class.getClassLoader(),
                new Class<?>[] {BootstrapContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getWorkManager")) {
                        return workManager;
                    }
                    if (method.getName().equals("getTransactionSynchronizationRegistry")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
