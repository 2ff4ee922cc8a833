package org.cairnmq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One selector shared by several threads gives each the answer it gives alone. */
class SelectorConcurrencyTest {

    private static final int THREADS = 8;
    private static final int MESSAGES = 20_000;

    private static final Selector SELECTOR = Selector.parse(
            "name LIKE 'item-%7' AND n BETWEEN 100 AND 15000 AND (kind IN ('a', 'c') OR n / 2 * 2 = n)"
                    + " AND missing IS NULL");

    private static MapFields message(int n) {
        return MapFields.of("name", "item-" + n, "n", n, "kind", String.valueOf((char) ('a' + n % 4)));
    }

    private static boolean expected(int n) {
        char kind = (char) ('a' + n % 4);
        return n % 10 == 7 && n >= 100 && n <= 15000 && (kind == 'a' || kind == 'c' || n % 2 == 0);
    }

    @Test
    @Timeout(60)
    void sharedSelectorAgreesWithSequentialAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                Callable<Integer> task = () -> {
                    start.await();
                    int matched = 0;
                    for (int i = 0; i < MESSAGES; i++) {
                        int n = (i + offset * 997) % MESSAGES;
                        boolean matches = SELECTOR.matches(message(n));
                        if (matches != expected(n)) {
                            throw new AssertionError("wrong answer for n=" + n);
                        }
                        if (matches) {
                            matched++;
                        }
                    }
                    return matched;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            int expectedMatches = 0;
            for (int n = 0; n < MESSAGES; n++) {
                expectedMatches += expected(n) ? 1 : 0;
            }
            for (Future<Integer> result : results) {
                assertEquals(expectedMatches, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
