package org.cairnmq.admin.rest;

import java.util.List;
import org.cairnmq.management.MessageQuery;

/**
 * Which messages an operation concerns: either {@code handles} or a {@code filter} ({@code {}} for all),
 * not both; and for a move or copy, the queue they go {@code to}.
 */
public record SelectionJson(List<String> handles, FilterJson filter, String to) {

    /** The same criteria as the browse parameters of the same names. */
    public record FilterJson(String selector, String body, Integer minDeliveryCount, Long olderThanSeconds) {
        MessageQuery query() {
            MessageQuery query = MessageQuery.all();
            if (selector != null && !selector.isBlank()) {
                query = query.withSelector(selector);
            }
            if (body != null && !body.isEmpty()) {
                query = query.withBodyContaining(body);
            }
            if (minDeliveryCount != null) {
                query = query.withMinDeliveryCount(minDeliveryCount);
            }
            if (olderThanSeconds != null) {
                if (olderThanSeconds < 0) {
                    throw new IllegalArgumentException("olderThanSeconds cannot be negative");
                }
                query = query.olderThan(olderThanSeconds * 1000);
            }
            return query;
        }
    }

    /** Checks that exactly one of handles and filter is given. */
    boolean byHandles() {
        if ((handles == null) == (filter == null)) {
            throw new IllegalArgumentException("Give either \"handles\": [...] or \"filter\": {...} ({} for all messages)");
        }
        if (handles != null && handles.isEmpty()) {
            throw new IllegalArgumentException("\"handles\" is empty");
        }
        return handles != null;
    }
}
