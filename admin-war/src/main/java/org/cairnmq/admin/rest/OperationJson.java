package org.cairnmq.admin.rest;

import org.cairnmq.management.OperationResult;

/**
 * What an operation on messages did: {@code changed} of {@code matched}, {@code skipped} left untouched
 * (held by a consumer right now, or, for a retry, without an original destination). Repeat it until
 * nothing is skipped.
 */
public record OperationJson(long matched, long changed, long skipped) {
    static OperationJson of(OperationResult r) {
        return new OperationJson(r.matched(), r.changed(), r.skipped());
    }
}
