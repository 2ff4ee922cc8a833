package org.cairnmq.admin.rest;

import org.cairnmq.management.MemoryLimitView;

/**
 * A destination's flow-control memory limit in the API: the limit in force, what a send meets beyond it,
 * whether an operator set it ({@code own}; else it comes from the server's {@code cairn.flow.*} properties),
 * and the estimated bytes held against it now.
 */
public record MemoryLimitJson(long limitBytes, String policy, boolean own, long memoryBytes) {

    static MemoryLimitJson of(MemoryLimitView v) {
        return new MemoryLimitJson(v.limitBytes(), v.policy(), v.own(), v.memoryBytes());
    }
}
