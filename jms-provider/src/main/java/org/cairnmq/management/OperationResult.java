package org.cairnmq.management;

/**
 * What an operation on many messages did.
 *
 * @param matched how many messages matched
 * @param changed how many it deleted, moved, copied or retried
 * @param skipped how many it left untouched because a consumer or another broker instance holds them, or
 *                (retry) because they have no original destination
 */
public record OperationResult(long matched, long changed, long skipped) {
}
