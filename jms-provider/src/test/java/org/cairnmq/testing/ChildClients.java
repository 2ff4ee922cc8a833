package org.cairnmq.testing;

/**
 * The client threads of a child JVM a test or benchmark drives (producers, consumers): a client that
 * fails ends the whole JVM, since a child with a dead client reports nothing worth reading.
 */
public final class ChildClients {
    /** What a client thread does. */
    public interface Work {
        void run() throws Exception;
    }

    private ChildClients() {
    }

    /** Starts a daemon thread of that name; if the work throws, the JVM halts with exit code 5. */
    public static void start(String name, Work work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                System.err.println(name + " failed:");
                e.printStackTrace();
                Runtime.getRuntime().halt(5);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
